import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { z } from 'zod';
import { roleAtLeast } from '#db/auth.ts';
import { createFlow, getFlow, listFlows } from '#db/flows.ts';
import { emptyFlowDocument, flowDocumentSchema } from '#flows/document.ts';
import { validateFlow } from '#flows/validate.ts';
import { AsteriskStatusBanner } from '../components/asterisk-status.tsx';
import { CsrfInput } from '../components/csrf-input.tsx';
import { requireRole } from '../auth.server.ts';
import { deleteFlow, duplicate, importedText, importFlow, takeOutOfService, type ListActionResult } from './flows-list.server.ts';
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
  const confirmDelete = new URL(request.url).searchParams.get('confirmDelete');
  return { flows, asterisk: context.services.asterisk(), canCreate: roleAtLeast(account.role, 'editor'), confirmDelete };
}

// The name follows the document's own rule, so the form and the stored draft can never disagree about it.
const newFlowSchema = z.object({ intent: z.literal('create'), name: flowDocumentSchema.shape.name });

/**
 * "New flow" (an empty draft, then straight into the editor), and per flow: duplicate, delete (after a confirmation
 * step), take its numbers out of service; and import a flow document file. All need the editor role.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  const { db } = context.services;
  const form = await request.formData();
  const intent = form.get('intent');
  const flowId = String(form.get('flowId') ?? '');
  switch (intent) {
    case 'duplicate': {
      const result = duplicate(db, flowId, account.username);
      return 'intent' in result ? data(result, { status: 404 }) : redirect(`/flows/${result.flowId}`);
    }
    case 'delete': {
      if (form.get('confirmed') !== 'yes') return redirect(`/?confirmDelete=${encodeURIComponent(flowId)}`);
      const refusal = deleteFlow(db, flowId);
      return refusal ? data(refusal, { status: refusal.intent === 'failed' ? 404 : 409 }) : redirect('/');
    }
    case 'unbind': {
      const result = takeOutOfService(db, flowId);
      return data(result, { status: result.ok ? 200 : 404 });
    }
    case 'import': {
      const upload = await importedText(form);
      if (!upload) {
        const missing: ListActionResult = { intent: 'import', ok: false, message: 'Choose a flow file (.json) or paste its text to import.', problems: [] };
        return data(missing, { status: 400 });
      }
      const result = importFlow(db, upload, account.username);
      return 'intent' in result ? data(result, { status: 400 }) : redirect(`/flows/${result.flowId}?imported=1`);
    }
    default: {
      const parsed = newFlowSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) {
        return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
      }
      const document = emptyFlowDocument(parsed.data.name);
      const created = createFlow(db, { document, author: account.username });
      return redirect(`/flows/${created.flowId}/edit`);
    }
  }
}

export default function FlowsList({ loaderData, actionData }: Route.ComponentProps) {
  const { flows, asterisk, canCreate, confirmDelete } = loaderData;
  const outcome = actionData && 'intent' in actionData ? actionData : null;
  const nameErrors = actionData && 'fieldErrors' in actionData ? (actionData.fieldErrors.name ?? []) : [];
  return (
    <>
      <AsteriskStatusBanner status={asterisk} />
      <h1>Flows</h1>
      {canCreate ? <NewFlowForm nameErrors={nameErrors} /> : null}
      {canCreate ? <ImportForm outcome={outcome?.intent === 'import' ? outcome : null} /> : null}
      {outcome && outcome.intent !== 'import' ? <ActionOutcome outcome={outcome} /> : null}
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
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.id} data-testid="flow-row">
                <td>
                  <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                </td>
                <td>{flow.numbers.join(', ') || <span className="muted">none</span>}</td>
                <td>{flow.publishedVersionNumber ? `version ${flow.publishedVersionNumber}` : <span className="muted">never</span>}</td>
                <td>
                  <ValidationBadge errors={flow.errors} warnings={flow.warnings} />
                </td>
                <td>{new Date(flow.updatedAt).toLocaleString('en-GB')}</td>
                <td>
                  <FlowActions flow={flow} canEdit={canCreate} confirming={confirmDelete === flow.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Export for everyone; Duplicate and Delete for editors. Delete asks again on the same row before archiving. */
function FlowActions({ flow, canEdit, confirming }: { flow: { id: string; name: string }; canEdit: boolean; confirming: boolean }) {
  return (
    <span className="inline-form">
      {/* A plain link, not <Link>: a download the browser fetches itself, not a page the router renders. */}
      <a href={`/flows/${flow.id}/export`} download data-testid="export-flow">
        Export
      </a>
      {canEdit ? (
        <>
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="duplicate" />
            <input type="hidden" name="flowId" value={flow.id} />
            <button type="submit" className="link-button" data-testid="duplicate-flow">
              Duplicate
            </button>
          </Form>
          {confirming ? (
            <Form method="post" className="inline-form" data-testid="confirm-delete-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="flowId" value={flow.id} />
              <input type="hidden" name="confirmed" value="yes" />
              <span role="alert">Delete “{flow.name}”?</span>
              <button type="submit" className="primary" data-testid="confirm-delete">
                Confirm delete
              </button>
              <Link to="/">Cancel</Link>
            </Form>
          ) : (
            <Link to={`/?confirmDelete=${encodeURIComponent(flow.id)}`} data-testid="delete-flow">
              Delete
            </Link>
          )}
        </>
      ) : null}
    </span>
  );
}

/** What a duplicate, delete or take-out-of-service said, with the way out of a refused delete. */
function ActionOutcome({ outcome }: { outcome: Exclude<ListActionResult, { intent: 'import' }> }) {
  return (
    <section className={`status ${outcome.ok ? 'ok' : 'warn'}`} role={outcome.ok ? 'status' : 'alert'} data-testid="flows-action-message">
      <p>{outcome.message}</p>
      {outcome.intent === 'delete' && outcome.boundNumbers.length > 0 ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="unbind" />
          <input type="hidden" name="flowId" value={outcome.flowId} />
          <span>To delete it, first take {outcome.boundNumbers.join(', ')} out of service (callers will hear “not in service”):</span>
          <button type="submit" data-testid="unbind-flow">
            {`Take ${outcome.boundNumbers.join(', ')} out of service`}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** A flow document file (as Export downloads it), or its text pasted; a bad one is explained and changes nothing. */
function ImportForm({ outcome }: { outcome: Extract<ListActionResult, { intent: 'import' }> | null }) {
  const importing = useNavigation().formData?.get('intent') === 'import';
  return (
    <Form method="post" encType="multipart/form-data" className="panel" data-testid="import-flow-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="import" />
      <p className="inline-form">
        <label htmlFor="import-file">Import a flow file</label>
        <input id="import-file" type="file" name="file" accept=".json,application/json" data-testid="import-file" />
        <button type="submit" disabled={importing} data-testid="import-submit">
          {importing ? 'Importing…' : 'Import'}
        </button>
      </p>
      <details>
        <summary>or paste its text</summary>
        <textarea name="text" rows={8} cols={80} aria-label="Flow document text" data-testid="import-text" />
      </details>
      {outcome ? (
        <div className="form-error" role="alert" data-testid="import-error">
          <p>{outcome.message}</p>
          {outcome.problems.length > 0 ? (
            <ul>
              {outcome.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Form>
  );
}

function NewFlowForm({ nameErrors }: { nameErrors: readonly string[] }) {
  const creating = useNavigation().formData?.get('intent') === 'create';
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
