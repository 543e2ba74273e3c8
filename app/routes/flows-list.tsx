import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { z } from 'zod';
import { roleAtLeast } from '#db/auth.ts';
import { createFlow, getFlow, listFlows } from '#db/flows.ts';
import { emptyFlowDocument, flowDocumentSchema } from '#flows/document.ts';
import { validateFlow } from '#flows/validate.ts';
import { AsteriskStatusBanner } from '../components/asterisk-status.tsx';
import { CsrfInput } from '../components/csrf-input.tsx';
import { requireRole } from '../auth.server.ts';
import type { Route } from './+types/flows-list';

export function meta() {
  return [{ title: 'Flows · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
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
  return { flows, asterisk: context.services.asterisk(), canCreate: roleAtLeast(account.role, 'editor') };
}

// The name follows the document's own rule, so the form and the stored draft can never disagree about it.
const newFlowSchema = z.object({ intent: z.literal('create'), name: flowDocumentSchema.shape.name });

/** "New flow": an empty draft (just a Start step) under the given name, then straight into the editor. */
export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  const parsed = newFlowSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  const document = emptyFlowDocument(parsed.data.name);
  const { flowId } = createFlow(context.services.db, { document, author: account.username });
  return redirect(`/flows/${flowId}/edit`);
}

export default function FlowsList({ loaderData, actionData }: Route.ComponentProps) {
  const { flows, asterisk, canCreate } = loaderData;
  return (
    <>
      <AsteriskStatusBanner status={asterisk} />
      <h1>Flows</h1>
      {canCreate ? <NewFlowForm nameErrors={actionData?.fieldErrors.name ?? []} /> : null}
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

function NewFlowForm({ nameErrors }: { nameErrors: readonly string[] }) {
  const creating = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="panel inline-form new-flow" data-testid="new-flow-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <label htmlFor="new-flow-name">New flow</label>
      <input
        id="new-flow-name"
        name="name"
        data-testid="new-flow-name"
        placeholder="e.g. Reception"
        required
        maxLength={120}
        aria-invalid={nameErrors.length > 0 || undefined}
        aria-describedby={nameErrors.length > 0 ? 'new-flow-name-error' : undefined}
      />
      <button type="submit" className="primary" data-testid="new-flow-submit" disabled={creating}>
        {creating ? 'Creating…' : 'Create and edit'}
      </button>
      {nameErrors.length > 0 ? (
        <span className="form-error" id="new-flow-name-error" role="alert">
          {nameErrors.join(' ')}
        </span>
      ) : null}
    </Form>
  );
}

export function ValidationBadge({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors > 0) return <span className="badge error">{errors} error{errors === 1 ? '' : 's'}</span>;
  if (warnings > 0) return <span className="badge warning">{warnings} warning{warnings === 1 ? '' : 's'}</span>;
  return <span className="badge ok">valid</span>;
}
