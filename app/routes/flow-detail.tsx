import { Link } from 'react-router';
import { getFlow, listVersions } from '#db/flows.ts';
import { validateFlow } from '#flows/validate.ts';
import { roleAtLeast } from '#db/staff-roles.ts';
import { requireRole } from '../auth.server.ts';
import type { Route } from './+types/flow-detail';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.flow.name ?? 'Flow'} · Switchboard` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const { db } = context.services;
  const flow = getFlow(db, params.flowId);
  if (!flow) throw new Response(`There is no flow "${params.flowId}".`, { status: 404, statusText: 'Not found' });
  return {
    flow,
    diagnostics: validateFlow(flow.draft).diagnostics,
    versions: listVersions(db, flow.id),
    canEdit: roleAtLeast(account.role, 'editor'),
  };
}

export default function FlowDetail({ loaderData }: Route.ComponentProps) {
  const { flow, diagnostics, versions, canEdit } = loaderData;
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
      <section className="panel">
        <p>{flow.description || <span className="muted">No description.</span>}</p>
        <p>
          Numbers: {flow.draft.numbers.join(', ') || <span className="muted">none</span>} · {flow.draft.nodes.length} nodes ·
          revision {flow.revision}
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
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <td>{version.number}</td>
                  <td>{new Date(version.publishedAt).toLocaleString('en-GB')}</td>
                  <td>{version.author}</td>
                  <td>{version.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
