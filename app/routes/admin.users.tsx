import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { softphoneDeps } from '../softphone/credentials.server.ts';
import { changeStaffAccounts, loadStaffPage, type StaffActionResult } from './admin.users.server.ts';
import type { Route } from './+types/admin.users';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'admin:users.title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'admin');
  return loadStaffPage(context.services.db, account);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account: me } = await requireRole(request, context, 'admin');
  const formData = await request.formData();
  return changeStaffAccounts(
    context.services.db,
    me,
    formData,
    requestTranslator(request, context),
    softphoneDeps(context.services),
  );
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['admin', 'common', 'staffPhone']);
  const { accounts, me } = loaderData;
  const result = actionData as StaffActionResult | undefined;
  const createErrors = result?.intent === 'create' ? result.fieldErrors : {};
  return (
    <>
      <h1>{t('users.title')}</h1>
      <p className="muted">{t('users.intro')}</p>
      {result?.done ? (
        <p className="status ok" role="status">
          {result.done}
        </p>
      ) : null}
      {result?.formError ? (
        <p className="status warn" role="alert">
          {result.formError}
        </p>
      ) : null}

      <table>
        <thead>
          <tr>
            <th>{t('users.columns.username')}</th>
            <th>{t('users.columns.name')}</th>
            <th>{t('users.columns.role')}</th>
            <th>{t('users.columns.status')}</th>
            <th>{t('users.columns.newPassword')}</th>
            <th>{t('staffPhone:column')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <td>
                {account.username}
                {account.id === me ? <span className="muted"> {t('users.you')}</span> : null}
              </td>
              <td>{account.displayName}</td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  {/* Keyed so that a refused change shows the role the account really has again. */}
                  <select
                    key={`${account.role}:${result?.formError ?? ''}`}
                    name="role"
                    defaultValue={account.role}
                    aria-label={t('users.roleOf', { username: account.username })}
                  >
                    {loaderData.roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`common:roles.${role}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" name="intent" value="set-role">
                    {t('users.changeRole')}
                  </button>
                </Form>
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  {account.disabledAt ? (
                    <>
                      <span className="badge warning">{t('users.disabled')}</span>
                      <button type="submit" name="intent" value="enable">
                        {t('users.enable')}
                      </button>
                    </>
                  ) : (
                    <>
                      <span className="badge ok">{t('users.active')}</span>
                      {account.id === me ? null : (
                        <button type="submit" name="intent" value="disable">
                          {t('users.disable')}
                        </button>
                      )}
                    </>
                  )}
                </Form>
              </td>
              <td>
                <Form method="post" className="inline-form" key={result?.done ?? 'password'}>
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  <input
                    name="password"
                    type="password"
                    autoComplete="new-password"
                    aria-label={t('users.newPasswordFor', { username: account.username })}
                    minLength={10}
                    required
                  />
                  <button type="submit" name="intent" value="set-password">
                    {t('users.setPassword')}
                  </button>
                </Form>
                {result?.intent === 'set-password' && result.accountId === account.id && result.fieldErrors.password ? (
                  <p className="form-error">{result.fieldErrors.password}</p>
                ) : null}
              </td>
              <td>
                {/* Whose phone the account's web softphone registers as (and whose voicemail it hears). */}
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  {/* Keyed so that a refused change shows the person the account really has again. */}
                  <select
                    key={`${account.personId ?? ''}:${result?.formError ?? ''}`}
                    name="personId"
                    defaultValue={account.personId ?? ''}
                    aria-label={t('staffPhone:phoneOf', { username: account.username })}
                  >
                    <option value="">{t('staffPhone:none')}</option>
                    {loaderData.people.map((person) => (
                      <option key={person.id} value={person.id}>
                        {t('staffPhone:person', { name: person.name, extension: person.extension })}
                      </option>
                    ))}
                  </select>
                  <button type="submit" name="intent" value="set-person">
                    {t('staffPhone:save')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="panel" style={{ marginTop: 24 }}>
        <h2>{t('users.addHeading')}</h2>
        {/* A new key after each success empties the form (and its password) for the next person. */}
        <Form
          method="post"
          className="form-grid"
          key={result?.intent === 'create' && result.done ? result.done : 'create'}
        >
          <CsrfInput />
          <label htmlFor="new-username">{t('users.username')}</label>
          <input id="new-username" name="username" autoComplete="off" required />
          {createErrors.username ? <p className="field-error">{createErrors.username}</p> : null}
          <label htmlFor="new-displayName">{t('users.displayName')}</label>
          <input id="new-displayName" name="displayName" autoComplete="off" />
          {createErrors.displayName ? <p className="field-error">{createErrors.displayName}</p> : null}
          <label htmlFor="new-password">{t('users.password')}</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" required />
          {createErrors.password ? <p className="field-error">{createErrors.password}</p> : null}
          <label htmlFor="new-role">{t('users.role')}</label>
          <select id="new-role" name="role" defaultValue="viewer">
            {loaderData.roles.map((role) => (
              <option key={role} value={role}>
                {t(`common:roles.${role}`)}
              </option>
            ))}
          </select>
          <span />
          <button type="submit" className="primary" name="intent" value="create">
            {t('users.add')}
          </button>
        </Form>
      </section>
    </>
  );
}
