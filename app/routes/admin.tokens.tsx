import { Trans, useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { useFormat } from '../i18n/use-format.ts';
import { changeApiTokens, loadApiTokensPage, type ApiTokensActionResult } from './admin.tokens.server.ts';
import type { Route } from './+types/admin.tokens';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'admin:tokens.title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'admin');
  return loadApiTokensPage(context.services.db);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'admin');
  const formData = await request.formData();
  return changeApiTokens(context.services.db, account, formData, requestTranslator(request, context));
}

export default function AdminTokens({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['admin', 'common']);
  const format = useFormat();
  const when = (ms: number | null) => (ms === null ? '—' : format.dateTime(ms));
  const result = actionData as ApiTokensActionResult | undefined;
  return (
    <>
      <h1>{t('tokens.title')}</h1>
      <p className="muted">
        <Trans t={t} i18nKey="tokens.intro" components={{ code: <code /> }} />
      </p>
      {result?.created ? (
        <section className="panel" role="status">
          <h2>{t('tokens.createdHeading', { name: result.created.name })}</h2>
          <p>{t('tokens.copyNow')}</p>
          <p className="secret" data-testid="new-token-secret">
            {result.created.secret}
          </p>
        </section>
      ) : null}
      {result?.done ? <p className="status ok">{result.done}</p> : null}
      {result?.formError ? <p className="status warn">{result.formError}</p> : null}

      {loaderData.tokens.length === 0 ? (
        <p className="panel muted">{t('tokens.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('tokens.columns.name')}</th>
              <th>{t('tokens.columns.token')}</th>
              <th>{t('tokens.columns.role')}</th>
              <th>{t('tokens.columns.created')}</th>
              <th>{t('tokens.columns.lastUsed')}</th>
              <th>{t('tokens.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{t(`common:roles.${token.role}`)}</td>
                <td>{t('tokens.createdBy', { when: when(token.createdAt), username: token.createdByUsername })}</td>
                <td>{when(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="badge warning">{t('tokens.revokedAt', { when: when(token.revokedAt) })}</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <span className="badge ok">{t('tokens.active')}</span>
                      <button type="submit" name="intent" value="revoke">
                        {t('tokens.revoke')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="panel" style={{ marginTop: 24 }}>
        <h2>{t('tokens.newHeading')}</h2>
        <Form method="post" className="form-grid" key={result?.created?.secret ?? 'create'}>
          <CsrfInput />
          <label htmlFor="token-name">{t('tokens.name')}</label>
          <input id="token-name" name="name" placeholder={t('tokens.namePlaceholder')} required />
          {result?.fieldErrors.name ? <p className="field-error">{result.fieldErrors.name}</p> : null}
          <label htmlFor="token-role">{t('tokens.role')}</label>
          <select id="token-role" name="role" defaultValue="viewer">
            {loaderData.roles.map((role) => (
              <option key={role} value={role}>
                {t(`common:roles.${role}`)}
              </option>
            ))}
          </select>
          <span />
          <button type="submit" className="primary" name="intent" value="create">
            {t('tokens.create')}
          </button>
        </Form>
      </section>
    </>
  );
}
