// /flows/:flowId/versions/:number: one published version, read-only (its graph and a summary of its document), and
// for editors a Revert button that publishes it again as the next version (app/routes/flow-version.server.ts).
import { useMemo } from 'react';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { documentToCanvas } from '#app/editor/conversion.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { flowDocumentForRole } from '#flows/redact.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { loadFlowVersion, revertFlow } from './flow-version.server.ts';
import { ReadOnlyGraph } from '#app/editor/read-only-graph.tsx';
import type { Route } from './+types/flow-version';

export function meta({ data: loaded }: Route.MetaArgs) {
  return [{ title: `${loaded?.flow.name ?? 'Flow'} version ${loaded?.version.number ?? ''} · Switchboard` }];
}

/** "3" -> 3; anything else is no version number (a 404, not a crash). */
function versionNumberOf(param: string): number | null {
  return /^[1-9]\d{0,8}$/.test(param) ? Number(param) : null;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const found = loadFlowVersion(context.services.db, params.flowId, versionNumberOf(params.number));
  if (!found) throw new Response(`There is no flow "${params.flowId}".`, { status: 404, statusText: 'Not found' });
  const { flow, version } = found;
  if (!version) {
    throw new Response(`The flow "${flow.name}" has no version "${params.number}".`, {
      status: 404,
      statusText: 'Not found',
    });
  }
  const nodeTypes = new Map<string, number>();
  for (const node of version.document.nodes) nodeTypes.set(node.type, (nodeTypes.get(node.type) ?? 0) + 1);
  return {
    flow: {
      id: flow.id,
      name: flow.name,
      archived: flow.archivedAt !== null,
      latest: flow.publishedVersion?.number ?? null,
    },
    version: { ...version, document: flowDocumentForRole(version.document, account.role) },
    nodeTypes: [...nodeTypes],
    canRevert: hasRole(account, 'editor') && flow.archivedAt === null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  const form = await request.formData();
  const number = versionNumberOf(params.number);
  if (number === null)
    return data({ message: `"${params.number}" is not a version number.`, problems: [] }, { status: 404 });
  const outcome = await revertFlow(context, {
    flowId: params.flowId,
    versionNumber: number,
    author: account.username,
    comment: String(form.get('comment') ?? ''),
    language: requestLanguage(request, context),
  });
  if (!outcome.ok) return data({ message: outcome.message, problems: outcome.problems }, { status: outcome.status });
  return redirect(`/flows/${params.flowId}?reverted=${outcome.versionNumber}`);
}

export default function FlowVersionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { flow, version, nodeTypes, canRevert } = loaderData;
  const canvas = useMemo(() => documentToCanvas(version.document), [version.document]);
  const document = version.document;
  return (
    <>
      <p>
        <Link to={`/flows/${flow.id}`}>← {flow.name}</Link>
      </p>
      <h1>
        Version {version.number}{' '}
        {version.number === flow.latest ? (
          <span className="badge ok">current</span>
        ) : (
          <span className="badge">older</span>
        )}
      </h1>
      <section className="panel" data-testid="version-summary">
        <p>
          Published {new Date(version.publishedAt).toLocaleString('en-GB')} by <strong>{version.author}</strong>
          {version.revertedFrom !== null ? ` (back to version ${version.revertedFrom})` : ''}
          {version.sourceRevision !== null ? ` from draft revision ${version.sourceRevision}` : ''}.
        </p>
        <p>Comment: {version.comment || <span className="muted">none</span>}</p>
        <p>
          Name “{document.name}” · numbers {document.numbers.join(', ') || <span className="muted">none</span>} ·{' '}
          {document.nodes.length} nodes ({nodeTypes.map(([type, count]) => `${count} ${type}`).join(', ')}) ·{' '}
          {document.edges.length} connections
        </p>
        <p>{document.description || <span className="muted">No description.</span>}</p>
        <p>
          <a href={`/flows/${flow.id}/export?version=${version.number}`} download data-testid="export-version">
            Export this version
          </a>
        </p>
      </section>
      <ReadOnlyGraph nodes={canvas.nodes} edges={canvas.edges} testId="version-graph" />
      {canRevert && version.number !== flow.latest ? (
        <RevertForm number={version.number} error={actionData ?? null} />
      ) : null}
    </>
  );
}

function RevertForm({ number, error }: { number: number; error: { message: string; problems: string[] } | null }) {
  const reverting = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="panel" data-testid="revert-form">
      <CsrfInput />
      <h2>Revert to this version</h2>
      <p className="muted">
        Publishes version {number} again as a new version (callers hear it at once) and makes it the draft in the
        editor.
      </p>
      <p className="inline-form">
        <label htmlFor="revert-comment">Comment</label>
        <input id="revert-comment" name="comment" maxLength={500} placeholder={`Back to version ${number}`} />
        <button type="submit" className="primary" disabled={reverting} data-testid="revert-submit">
          {reverting ? 'Reverting…' : `Revert to version ${number}`}
        </button>
      </p>
      {error ? (
        <div className="form-error" role="alert" data-testid="revert-error">
          <p>{error.message}</p>
          {error.problems.length > 0 ? (
            <ul>
              {error.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Form>
  );
}
