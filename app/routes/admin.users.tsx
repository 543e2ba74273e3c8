import { Form } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { changeStaffAccounts, loadStaffPage, type StaffActionResult } from './admin.users.server.ts';
import type { Route } from './+types/admin.users';

export function meta() {
  return [{ title: 'Staff · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'admin');
  return loadStaffPage(context.services.db, account);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account: me } = await requireRole(request, context, 'admin');
  return changeStaffAccounts(context.services.db, me, await request.formData());
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { accounts, me } = loaderData;
  const result = actionData as StaffActionResult | undefined;
  const createErrors = result?.intent === 'create' ? result.fieldErrors : {};
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">
        Viewers read flows and call history; editors also change and publish flows; administrators also manage staff and
        API tokens.
      </p>
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
            <th>User name</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>New password</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <td>
                {account.username}
                {account.id === me ? <span className="muted"> (you)</span> : null}
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
                    aria-label={`Role of ${account.username}`}
                  >
                    {loaderData.roles.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                  <button type="submit" name="intent" value="set-role">
                    Change
                  </button>
                </Form>
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  {account.disabledAt ? (
                    <>
                      <span className="badge warning">disabled</span>
                      <button type="submit" name="intent" value="enable">
                        Enable
                      </button>
                    </>
                  ) : (
                    <>
                      <span className="badge ok">active</span>
                      {account.id === me ? null : (
                        <button type="submit" name="intent" value="disable">
                          Disable
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
                    aria-label={`New password for ${account.username}`}
                    minLength={10}
                    required
                  />
                  <button type="submit" name="intent" value="set-password">
                    Set
                  </button>
                </Form>
                {result?.intent === 'set-password' && result.accountId === account.id && result.fieldErrors.password ? (
                  <p className="form-error">{result.fieldErrors.password[0]}</p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="panel" style={{ marginTop: 24 }}>
        <h2>Add a staff member</h2>
        {/* A new key after each success empties the form (and its password) for the next person. */}
        <Form
          method="post"
          className="form-grid"
          key={result?.intent === 'create' && result.done ? result.done : 'create'}
        >
          <CsrfInput />
          <label htmlFor="new-username">User name</label>
          <input id="new-username" name="username" autoComplete="off" required />
          {createErrors.username ? <p className="field-error">{createErrors.username[0]}</p> : null}
          <label htmlFor="new-displayName">Full name</label>
          <input id="new-displayName" name="displayName" autoComplete="off" />
          {createErrors.displayName ? <p className="field-error">{createErrors.displayName[0]}</p> : null}
          <label htmlFor="new-password">Password</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" required />
          {createErrors.password ? <p className="field-error">{createErrors.password[0]}</p> : null}
          <label htmlFor="new-role">Role</label>
          <select id="new-role" name="role" defaultValue="viewer">
            {loaderData.roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <span />
          <button type="submit" className="primary" name="intent" value="create">
            Add
          </button>
        </Form>
      </section>
    </>
  );
}
