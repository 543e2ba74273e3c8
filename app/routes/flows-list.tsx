import { AlertDialog, Badge, Button, Callout, Flex, Table, Text, TextField } from '@radix-ui/themes';
import { useTranslation } from 'react-i18next';
import { data, Form, Link, redirect, useNavigate, useNavigation } from 'react-router';
import { z } from 'zod';
import { flowDocumentSchema } from '#flows/document.ts';
import { AsteriskStatusBanner } from '../components/asterisk-status.tsx';
import { CsrfInput } from '../components/csrf-input.tsx';
import { hasRole, requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { translatorFor } from '#i18n/translator.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import { useFormat } from '../i18n/use-format.ts';
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

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'flows:list.title') }];
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
  const language = requestLanguage(request, context);
  const t = translatorFor(language);
  const form = await request.formData();
  const intent = form.get('intent');
  const flowId = String(form.get('flowId') ?? '');
  switch (intent) {
    case 'duplicate': {
      const result = duplicate(db, flowId, account.username, t);
      return 'intent' in result ? data(result, { status: 404 }) : redirect(`/flows/${result.flowId}`);
    }
    case 'delete': {
      if (form.get('confirmed') !== 'yes') return redirect(`/?confirmDelete=${encodeURIComponent(flowId)}`);
      const refusal = deleteFlow(db, flowId, t);
      return refusal ? data(refusal, { status: refusal.intent === 'failed' ? 404 : 409 }) : redirect('/');
    }
    case 'unbind': {
      const result = takeOutOfService(db, flowId, t);
      return data(result, { status: result.ok ? 200 : 404 });
    }
    case 'import': {
      const upload = await importedText(form);
      if (!upload) {
        const missing: ListActionResult = {
          intent: 'import',
          ok: false,
          message: t('flows:actions.importMissing'),
          problems: [],
        };
        return data(missing, { status: 400 });
      }
      const result = importFlow(db, upload, account.username, language);
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
  const { t } = useTranslation(['flows', 'common']);
  const format = useFormat();
  const { flows, asterisk, canCreate, confirmDelete } = loaderData;
  const outcome = actionData && 'intent' in actionData ? actionData : null;
  const nameErrors = actionData && 'fieldErrors' in actionData ? (actionData.fieldErrors.name ?? []) : [];
  const confirming = canCreate ? (flows.find((flow) => flow.id === confirmDelete) ?? null) : null;
  return (
    <>
      <AsteriskStatusBanner status={asterisk} />
      <h1>{t('list.title')}</h1>
      {canCreate ? <NewFlowForm nameErrors={nameErrors} /> : null}
      {canCreate ? <ImportForm outcome={outcome?.intent === 'import' ? outcome : null} /> : null}
      {outcome && outcome.intent !== 'import' ? <ActionOutcome outcome={outcome} /> : null}
      {flows.length === 0 ? (
        <p className="panel muted">{t('list.empty')}</p>
      ) : (
        <Table.Root variant="surface" size="2" data-testid="flows-table">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('list.columns.name')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('list.columns.numbers')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('list.columns.published')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('list.columns.draft')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('list.columns.lastChange')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('list.columns.actions')}</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {flows.map((flow) => (
              <Table.Row key={flow.id} data-testid="flow-row" data-flow-id={flow.id}>
                <Table.RowHeaderCell>
                  <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                </Table.RowHeaderCell>
                <Table.Cell>{flow.numbers.join(', ') || <span className="muted">{t('list.none')}</span>}</Table.Cell>
                <Table.Cell>
                  {flow.publishedVersionNumber ? (
                    t('list.publishedVersion', { number: flow.publishedVersionNumber })
                  ) : (
                    <span className="muted">{t('list.never')}</span>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <ValidationBadge errors={flow.errors} warnings={flow.warnings} />
                </Table.Cell>
                <Table.Cell>{format.dateTime(flow.updatedAt)}</Table.Cell>
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
  const { t } = useTranslation(['flows', 'common']);
  return (
    <Flex gap="3" align="center" wrap="wrap">
      {/* A plain link, not <Link>: a download the browser fetches itself, not a page the router renders. */}
      <a href={`/flows/${flow.id}/export`} download data-testid="export-flow">
        {t('list.export')}
      </a>
      {canEdit ? (
        <>
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="duplicate" />
            <input type="hidden" name="flowId" value={flow.id} />
            <Button type="submit" variant="ghost" size="2" data-testid="duplicate-flow">
              {t('list.duplicate')}
            </Button>
          </Form>
          <Link to={`/?confirmDelete=${encodeURIComponent(flow.id)}`} data-testid="delete-flow" preventScrollReset>
            {t('list.delete')}
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
  const { t } = useTranslation(['flows', 'common']);
  const navigate = useNavigate();
  return (
    <AlertDialog.Root
      open
      onOpenChange={(open) => (open ? undefined : void navigate('/', { preventScrollReset: true }))}
    >
      <AlertDialog.Content maxWidth="460px" data-testid="confirm-delete-dialog">
        <AlertDialog.Title>{t('list.confirmDelete.title', { name: flow.name })}</AlertDialog.Title>
        <AlertDialog.Description size="2">{t('list.confirmDelete.description')}</AlertDialog.Description>
        <Form method="post" data-testid="confirm-delete-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="flowId" value={flow.id} />
          <input type="hidden" name="confirmed" value="yes" />
          <Flex gap="3" mt="4" justify="end">
            <AlertDialog.Cancel>
              <Button type="button" variant="soft" color="gray" data-testid="cancel-delete">
                {t('common:actions.cancel')}
              </Button>
            </AlertDialog.Cancel>
            <Button type="submit" color="red" data-testid="confirm-delete">
              {t('list.delete')}
            </Button>
          </Flex>
        </Form>
      </AlertDialog.Content>
    </AlertDialog.Root>
  );
}

/** What a duplicate, delete or take-out-of-service said, with the way out of a refused delete. */
function ActionOutcome({ outcome }: { outcome: Exclude<ListActionResult, { intent: 'import' }> }) {
  const { t } = useTranslation(['flows', 'common']);
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
          <Text size="2">{t('list.unbindExplanation', { numbers: outcome.boundNumbers.join(', ') })}</Text>
          <Button type="submit" variant="outline" size="1" data-testid="unbind-flow">
            {t('list.unbind', { numbers: outcome.boundNumbers.join(', ') })}
          </Button>
        </Form>
      ) : null}
    </Callout.Root>
  );
}

/** A flow document file (as Export downloads it), or its text pasted; a bad one is explained and changes nothing. */
function ImportForm({ outcome }: { outcome: Extract<ListActionResult, { intent: 'import' }> | null }) {
  const { t } = useTranslation(['flows', 'common']);
  const importing = useNavigation().formData?.get('intent') === 'import';
  return (
    <Form method="post" encType="multipart/form-data" className="panel" data-testid="import-flow-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="import" />
      <p className="inline-form">
        <label htmlFor="import-file">{t('list.import.label')}</label>
        <input id="import-file" type="file" name="file" accept=".json,application/json" data-testid="import-file" />
        <Button type="submit" variant="soft" disabled={importing} data-testid="import-submit">
          {importing ? t('list.import.submitting') : t('list.import.submit')}
        </Button>
      </p>
      <details>
        <summary>{t('list.import.paste')}</summary>
        <textarea name="text" rows={8} cols={80} aria-label={t('list.import.textLabel')} data-testid="import-text" />
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
  const { t } = useTranslation(['flows', 'common']);
  const creating = useNavigation().formData?.get('intent') === 'create';
  return (
    <Form method="post" className="panel inline-form new-flow" data-testid="new-flow-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <label htmlFor="new-flow-name">{t('list.newFlow.label')}</label>
      <TextField.Root
        id="new-flow-name"
        name="name"
        data-testid="new-flow-name"
        placeholder={t('list.newFlow.placeholder')}
        required
        maxLength={120}
        aria-invalid={nameErrors.length > 0 || undefined}
        aria-describedby={nameErrors.length > 0 ? 'new-flow-name-error' : undefined}
      />
      <Button type="submit" data-testid="new-flow-submit" disabled={creating}>
        {creating ? t('list.newFlow.submitting') : t('list.newFlow.submit')}
      </Button>
      {nameErrors.length > 0 ? (
        <span className="form-error" id="new-flow-name-error" role="alert">
          {nameErrors.map((message) => translateMessage(t, message)).join(' ')}
        </span>
      ) : null}
    </Form>
  );
}

export function ValidationBadge({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation(['flows', 'common']);
  if (errors > 0) {
    return (
      <Badge color="red" data-testid="validation-badge">
        {t('list.badge.errors', { count: errors })}
      </Badge>
    );
  }
  if (warnings > 0) {
    return (
      <Badge color="amber" data-testid="validation-badge">
        {t('list.badge.warnings', { count: warnings })}
      </Badge>
    );
  }
  return (
    <Badge color="green" data-testid="validation-badge">
      {t('list.badge.valid')}
    </Badge>
  );
}
