import { AlertDialog, Badge, Button, Callout, Flex, Table, Text, TextField } from '@radix-ui/themes';
import { data, Form, Link, redirect, useNavigate, useNavigation } from 'react-router';
import { z } from 'zod';
import { flowDocumentSchema } from '#flows/document.ts';
import { AsteriskStatusBanner } from '../components/asterisk-status.tsx';
import { CsrfInput } from '../components/csrf-input.tsx';
import { hasRole, requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import {
  createEmptyFlow,
  deleteFlow,
  duplicate,
  importedText,
  importFlow,
  loadFlowsList,
  takeOutOfService,
  type ListActionResult,
} from './flows-list.server.ts';
import type { Route } from './+types/flows-list';

export function meta() {
  return [{ title: 'Flows · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const flows = loadFlowsList(context.services.db);
  const confirmDelete = new URL(request.url).searchParams.get('confirmDelete');
  return {
    flows,
    asterisk: context.services.asterisk(),
    canCreate: hasRole(account, 'editor'),
    confirmDelete,
  };
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
        const missing: ListActionResult = {
          intent: 'import',
          ok: false,
          message: 'Choose a flow file (.json) or paste its text to import.',
          problems: [],
        };
        return data(missing, { status: 400 });
      }
      const result = importFlow(db, upload, account.username, requestLanguage(request, context));
      return 'intent' in result ? data(result, { status: 400 }) : redirect(`/flows/${result.flowId}?imported=1`);
    }
    default: {
      const parsed = newFlowSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) {
        return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
      }
      const created = createEmptyFlow(db, parsed.data.name, account.username);
      return redirect(`/flows/${created.flowId}/edit`);
    }
  }
}

export default function FlowsList({ loaderData, actionData }: Route.ComponentProps) {
  const { flows, asterisk, canCreate, confirmDelete } = loaderData;
  const outcome = actionData && 'intent' in actionData ? actionData : null;
  const nameErrors = actionData && 'fieldErrors' in actionData ? (actionData.fieldErrors.name ?? []) : [];
  const confirming = canCreate ? (flows.find((flow) => flow.id === confirmDelete) ?? null) : null;
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
        <Table.Root variant="surface" size="2" data-testid="flows-table">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Numbers</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Published</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Draft</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Last change</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Actions</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {flows.map((flow) => (
              <Table.Row key={flow.id} data-testid="flow-row" data-flow-id={flow.id}>
                <Table.RowHeaderCell>
                  <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                </Table.RowHeaderCell>
                <Table.Cell>{flow.numbers.join(', ') || <span className="muted">none</span>}</Table.Cell>
                <Table.Cell>
                  {flow.publishedVersionNumber ? (
                    `version ${flow.publishedVersionNumber}`
                  ) : (
                    <span className="muted">never</span>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <ValidationBadge errors={flow.errors} warnings={flow.warnings} />
                </Table.Cell>
                <Table.Cell>{new Date(flow.updatedAt).toLocaleString('en-GB')}</Table.Cell>
                <Table.Cell>
                  <FlowActions flow={flow} canEdit={canCreate} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
      {confirming ? <ConfirmDelete flow={confirming} /> : null}
    </>
  );
}

/** Export for everyone; Duplicate and Delete for editors. Delete opens a confirmation (the address says which flow). */
function FlowActions({ flow, canEdit }: { flow: { id: string; name: string }; canEdit: boolean }) {
  return (
    <Flex gap="3" align="center" wrap="wrap">
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
            <Button type="submit" variant="ghost" size="2" data-testid="duplicate-flow">
              Duplicate
            </Button>
          </Form>
          <Link to={`/?confirmDelete=${encodeURIComponent(flow.id)}`} data-testid="delete-flow" preventScrollReset>
            Delete
          </Link>
        </>
      ) : null}
    </Flex>
  );
}

/**
 * The "are you sure" step of Delete: a modal dialog over the list, opened by ?confirmDelete=<id> so that it also
 * works as a plain link and form without JavaScript (the server asks for the same confirmation).
 */
function ConfirmDelete({ flow }: { flow: { id: string; name: string } }) {
  const navigate = useNavigate();
  return (
    <AlertDialog.Root
      open
      onOpenChange={(open) => (open ? undefined : void navigate('/', { preventScrollReset: true }))}
    >
      <AlertDialog.Content maxWidth="460px" data-testid="confirm-delete-dialog">
        <AlertDialog.Title>Delete “{flow.name}”?</AlertDialog.Title>
        <AlertDialog.Description size="2">
          The flow leaves the list; its versions and call history are kept. A flow whose numbers are in service cannot
          be deleted.
        </AlertDialog.Description>
        <Form method="post" data-testid="confirm-delete-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="flowId" value={flow.id} />
          <input type="hidden" name="confirmed" value="yes" />
          <Flex gap="3" mt="4" justify="end">
            <AlertDialog.Cancel>
              <Button type="button" variant="soft" color="gray" data-testid="cancel-delete">
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <Button type="submit" color="red" data-testid="confirm-delete">
              Delete
            </Button>
          </Flex>
        </Form>
      </AlertDialog.Content>
    </AlertDialog.Root>
  );
}

/** What a duplicate, delete or take-out-of-service said, with the way out of a refused delete. */
function ActionOutcome({ outcome }: { outcome: Exclude<ListActionResult, { intent: 'import' }> }) {
  return (
    <Callout.Root
      color={outcome.ok ? 'green' : 'amber'}
      variant="surface"
      mb="4"
      role={outcome.ok ? 'status' : 'alert'}
      data-testid="flows-action-message"
    >
      <Callout.Text>{outcome.message}</Callout.Text>
      {outcome.intent === 'delete' && outcome.boundNumbers.length > 0 ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="unbind" />
          <input type="hidden" name="flowId" value={outcome.flowId} />
          <Text size="2">
            To delete it, first take {outcome.boundNumbers.join(', ')} out of service (callers will hear “not in
            service”):
          </Text>
          <Button type="submit" variant="outline" size="1" data-testid="unbind-flow">
            {`Take ${outcome.boundNumbers.join(', ')} out of service`}
          </Button>
        </Form>
      ) : null}
    </Callout.Root>
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
        <Button type="submit" variant="soft" disabled={importing} data-testid="import-submit">
          {importing ? 'Importing…' : 'Import'}
        </Button>
      </p>
      <details>
        <summary>or paste its text</summary>
        <textarea name="text" rows={8} cols={80} aria-label="Flow document text" data-testid="import-text" />
      </details>
      {outcome ? (
        <Callout.Root color="red" variant="surface" mt="3" role="alert" data-testid="import-error">
          <Callout.Text>{outcome.message}</Callout.Text>
          {outcome.problems.length > 0 ? (
            <ul>
              {outcome.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Callout.Root>
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
      <TextField.Root
        id="new-flow-name"
        name="name"
        data-testid="new-flow-name"
        placeholder="e.g. Reception"
        required
        maxLength={120}
        aria-invalid={nameErrors.length > 0 || undefined}
        aria-describedby={nameErrors.length > 0 ? 'new-flow-name-error' : undefined}
      />
      <Button type="submit" data-testid="new-flow-submit" disabled={creating}>
        {creating ? 'Creating…' : 'Create and edit'}
      </Button>
      {nameErrors.length > 0 ? (
        <span className="form-error" id="new-flow-name-error" role="alert">
          {nameErrors.join(' ')}
        </span>
      ) : null}
    </Form>
  );
}

export function ValidationBadge({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors > 0) {
    return (
      <Badge color="red" data-testid="validation-badge">
        {errors} error{errors === 1 ? '' : 's'}
      </Badge>
    );
  }
  if (warnings > 0) {
    return (
      <Badge color="amber" data-testid="validation-badge">
        {warnings} warning{warnings === 1 ? '' : 's'}
      </Badge>
    );
  }
  return (
    <Badge color="green" data-testid="validation-badge">
      valid
    </Badge>
  );
}
