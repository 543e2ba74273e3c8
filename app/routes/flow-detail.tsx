import { Form, Link } from 'react-router';
import { CsrfInput } from '../components/csrf-input.tsx';
import { flowDocumentForRole } from '#flows/redact.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { loadFlowDetail } from './flow-detail.server.ts';
import type { Route } from './+types/flow-detail';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.flow.name ?? 'Flow'} · Switchboard` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const found = loadFlowDetail(context.services.db, params.flowId, requestLanguage(request, context));
  if (!found) throw new Response(`There is no flow "${params.flowId}".`, { status: 404, statusText: 'Not found' });
  const { flow, diagnostics, versions } = found;
  return {
    flow: { ...flow, draft: flowDocumentForRole(flow.draft, account.role) },
    diagnostics,
    versions,
    canEdit: hasRole(account, 'editor'),
    // Set by the import and revert actions when they send the person here, so the page says what just happened.
    notice: noticeOf(new URL(request.url).searchParams),
  };
}

function noticeOf(search: URLSearchParams): string | null {
  if (search.has('imported')) return 'Imported as a new flow draft. Its validation state is below.';
  const reverted = search.get('reverted');
  if (reverted && /^\d+$/.test(reverted))
    return `Published as version ${reverted}; the draft now matches it and its prompts are rendered.`;
  return null;
}

export default function FlowDetail({ loaderData }: Route.ComponentProps) {
  const { flow, diagnostics, versions, canEdit, notice } = loaderData;
  return (
    <>
      <p>
        <Link to="/">← Flows</Link>
      </p>
      <h1>
        {flow.name}{' '}
        {canEdit ? (
          <Link to={`/flows/${flow.id}/edit`} className="edit-link" data-testid="edit-flow">
            Edit
          </Link>
        ) : null}
      </h1>
      {notice ? (
        <p className="status ok" role="status" data-testid="flow-notice">
          {notice}
        </p>
      ) : null}
      <section className="panel">
        <p>{flow.description || <span className="muted">No description.</span>}</p>
        <p>
          Numbers: {flow.draft.numbers.join(', ') || <span className="muted">none</span>} · {flow.draft.nodes.length}{' '}
          nodes · revision {flow.revision}
        </p>
        <p>
          {/* Plain links: downloads the browser fetches itself, not pages the router renders. */}
          <a href={`/flows/${flow.id}/export`} download data-testid="export-draft">
            Export draft
          </a>
          {flow.publishedVersion ? (
            <>
              {' · '}
              <a
                href={`/flows/${flow.id}/export?version=${flow.publishedVersion.number}`}
                download
                data-testid="export-published"
              >
                Export published version {flow.publishedVersion.number}
              </a>
            </>
          ) : null}
        </p>
      </section>
      <section className="panel">
        <h2>Validation</h2>
        {diagnostics.length === 0 ? (
          <p className="badge ok">No problems found.</p>
        ) : (
          <ul className="diagnostics">
            {diagnostics.map((diagnostic, index) => (
              <li key={index}>
                <span className={`badge ${diagnostic.severity}`}>{diagnostic.severity}</span> {diagnostic.message}{' '}
                <code>{diagnostic.code}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>Published versions</h2>
        {versions.length === 0 ? (
          <p className="muted">Never published.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Version</th>
                <th>Published</th>
                <th>Author</th>
                <th>Comment</th>
                {canEdit ? <th>Revert</th> : null}
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <td>
                    <Link to={`/flows/${flow.id}/versions/${version.number}`} data-testid="version-link">
                      Version {version.number}
                    </Link>
                    {version.revertedFrom !== null ? (
                      <span className="muted"> (back to {version.revertedFrom})</span>
                    ) : null}
                  </td>
                  <td>{new Date(version.publishedAt).toLocaleString('en-GB')}</td>
                  <td>{version.author}</td>
                  <td>{version.comment}</td>
                  {canEdit ? (
                    <td>
                      {version.number === versions[0]?.number ? (
                        <span className="muted">runs now</span>
                      ) : (
                        <RevertRowForm flowId={flow.id} number={version.number} archived={flow.archivedAt !== null} />
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/**
 * Posts to the version's own page, whose action reverts: on success it comes back here with a notice, on refusal
 * the version page shows why (e.g. a number another flow took since).
 */
function RevertRowForm({ flowId, number, archived }: { flowId: string; number: number; archived: boolean }) {
  if (archived) return <span className="muted">archived</span>;
  return (
    <Form
      method="post"
      action={`/flows/${flowId}/versions/${number}`}
      className="inline-form"
      data-testid="revert-row-form"
    >
      <CsrfInput />
      <input
        name="comment"
        aria-label={`Comment for reverting to version ${number}`}
        placeholder={`Back to version ${number}`}
        maxLength={500}
      />
      <button type="submit">Revert to {number}</button>
    </Form>
  );
}
