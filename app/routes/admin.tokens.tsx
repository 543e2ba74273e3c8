import { Form } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { changeApiTokens, loadApiTokensPage, type ApiTokensActionResult } from './admin.tokens.server.ts';
import type { Route } from './+types/admin.tokens';

export function meta() {
  return [{ title: 'API tokens · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'admin');
  return loadApiTokensPage(context.services.db);
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'admin');
  return changeApiTokens(context.services.db, account, await request.formData());
}

function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString('en-GB');
}

export default function AdminTokens({ loaderData, actionData }: Route.ComponentProps) {
  const result = actionData as ApiTokensActionResult | undefined;
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Scripts use these with the HTTP API (<code>Authorization: Bearer …</code>, see docs/api.md). A token never does
        more than its role, nor more than the administrator who created it may do now.
      </p>
      {result?.created ? (
        <section className="panel" role="status">
          <h2>Token “{result.created.name}” created</h2>
          <p>Copy it now: this is the only time it is shown. Store it like a password.</p>
          <p className="secret" data-testid="new-token-secret">
            {result.created.secret}
          </p>
        </section>
      ) : null}
      {result?.done ? <p className="status ok">{result.done}</p> : null}
      {result?.formError ? <p className="status warn">{result.formError}</p> : null}

      {loaderData.tokens.length === 0 ? (
        <p className="panel muted">No API tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.role}</td>
                <td>
                  {when(token.createdAt)} by {token.createdByUsername}
                </td>
                <td>{when(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="badge warning">revoked {when(token.revokedAt)}</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <CsrfInput />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <span className="badge ok">active</span>
                      <button type="submit" name="intent" value="revoke">
                        Revoke
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
        <h2>New token</h2>
        <Form method="post" className="form-grid" key={result?.created?.secret ?? 'create'}>
          <CsrfInput />
          <label htmlFor="token-name">What uses it</label>
          <input id="token-name" name="name" placeholder="e.g. CI deploy" required />
          {result?.fieldErrors.name ? <p className="field-error">{result.fieldErrors.name[0]}</p> : null}
          <label htmlFor="token-role">Role</label>
          <select id="token-role" name="role" defaultValue="viewer">
            {loaderData.roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <span />
          <button type="submit" className="primary" name="intent" value="create">
            Create token
          </button>
        </Form>
      </section>
    </>
  );
}
