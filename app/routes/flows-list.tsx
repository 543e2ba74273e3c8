import { Link } from 'react-router';
import { listFlows } from '#db/flows.ts';
import { getFlow } from '#db/flows.ts';
import { validateFlow } from '#flows/validate.ts';
import { AsteriskStatusBanner } from '../components/asterisk-status.tsx';
import { requireRole } from '../auth.server.ts';
import type { Route } from './+types/flows-list';

export function meta() {
  return [{ title: 'Flows · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { db } = context.services;
  const flows = listFlows(db).map((summary) => {
    const draft = getFlow(db, summary.id)?.draft;
    const diagnostics = draft ? validateFlow(draft).diagnostics : [];
    return {
      ...summary,
      errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length,
    };
  });
  return { flows, asterisk: context.services.asterisk() };
}

export default function FlowsList({ loaderData }: Route.ComponentProps) {
  const { flows, asterisk } = loaderData;
  return (
    <>
      <AsteriskStatusBanner status={asterisk} />
      <h1>Flows</h1>
      {flows.length === 0 ? (
        <p className="panel muted">No flows yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Numbers</th>
              <th>Published</th>
              <th>Draft</th>
              <th>Last change</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id}>
                <td>
                  <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                </td>
                <td>{flow.numbers.join(', ') || <span className="muted">none</span>}</td>
                <td>{flow.publishedVersionNumber ? `version ${flow.publishedVersionNumber}` : <span className="muted">never</span>}</td>
                <td>
                  <ValidationBadge errors={flow.errors} warnings={flow.warnings} />
                </td>
                <td>{new Date(flow.updatedAt).toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ValidationBadge({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors > 0) return <span className="badge error">{errors} error{errors === 1 ? '' : 's'}</span>;
  if (warnings > 0) return <span className="badge warning">{warnings} warning{warnings === 1 ? '' : 's'}</span>;
  return <span className="badge ok">valid</span>;
}
