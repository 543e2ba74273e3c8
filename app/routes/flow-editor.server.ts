// The editor page's action: saves the draft (intent=save) and publishes it (intent=publish). Answers are JSON the
// editor understands (app/editor/protocol.ts), with the HTTP status that says what happened: 409 for a draft changed
// elsewhere, 422 for a flow that may not be published yet.
import { data, type AppLoadContext } from 'react-router';
import {
  FlowArchivedError,
  FlowNotFoundError,
  InvalidFlowDocumentError,
  NumberClaimedError,
  StaleRevisionError,
} from '#db/errors.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { listCalendars } from '#db/calendars.ts';
import { claimedNumbers, getFlow, listFlows, saveDraft } from '#db/flows.ts';
import { parseJsonWithLocation } from '#flows/validation/parse-json.ts';
import { log } from '#runtime/log.ts';
import { PublishRefusedError, publishFlow } from '#provisioning/publish-flow.ts';
import { PromptRenderError } from '#runtime/tts/prompt-store.ts';
import {
  editorRequestSchema,
  type EditorResponse,
  type PublishResponse,
  type SaveResponse,
} from '#app/editor/protocol.ts';
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { translateMessage } from '../i18n/translate-message.ts';

type Context = Pick<AppLoadContext, 'services'>;

/** What the editor page opens with: the flow, the numbers other flows answer, and the flows a node may go to. */
export function loadEditorPage(db: SwitchboardDb, flowId: string) {
  const flow = getFlow(db, flowId);
  if (!flow) return null;
  return {
    flow,
    claimedNumbers: [...claimedNumbers(db, flow.id)],
    otherFlows: listFlows(db)
      .filter((other) => other.id !== flow.id)
      .map((other) => ({ id: other.id, name: other.name })),
    calendars: listCalendars(db).map((calendar) => ({ id: calendar.id, name: calendar.name })),
  };
}

export async function handleEditorAction(request: Request, context: Context, flowId: string) {
  // Checks the session, the role and the CSRF token (a top-level "csrf" property of the JSON body).
  const auth = await requireRole(request, context, 'editor');
  // Parsed where every outside JSON is, so a body nested too deep for the code after it is a 400, not a crash.
  const language = requestLanguage(request, context);
  const parsed = parseJsonWithLocation(await request.text());
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return data<EditorResponse>(
      {
        intent: 'unknown',
        ok: false,
        reason: 'invalid',
        message: translatorFor(language)('editor:errors.invalidJson', { line, column, message }),
      },
      { status: 400 },
    );
  }
  return runEditorRequest(context, { flowId, author: auth.account.username, body: parsed.value, language });
}

/**
 * The action once the person is known: parse the request, then save or publish. Its own sentences are in the
 * person's `language` (French when not said, as for any request that does not say).
 */
export async function runEditorRequest(
  context: Context,
  request: { flowId: string; author: string; body: unknown; language?: UiLanguage },
) {
  const language = request.language ?? DEFAULT_UI_LANGUAGE;
  const t = translatorFor(language);
  const parsed = editorRequestSchema.safeParse(request.body);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'request'}: ${translateMessage(t, issue.message)}`)
      .join('; ');
    return data<EditorResponse>({ intent: 'unknown', ok: false, reason: 'invalid', message }, { status: 400 });
  }
  const input = parsed.data;
  const { flowId, author } = request;
  if (input.intent === 'save')
    return save(context, { flowId, document: input.document, revision: input.revision, author }, t);
  return publish(context, { flowId, revision: input.revision, comment: input.comment, author, language }, t);
}

function save(
  context: Context,
  input: { flowId: string; document: unknown; revision: number; author: string },
  t: Translate,
) {
  try {
    const { revision } = saveDraft(context.services.db, {
      flowId: input.flowId,
      document: input.document,
      expectedRevision: input.revision,
      author: input.author,
    });
    return data<SaveResponse>({ intent: 'save', ok: true, revision });
  } catch (error) {
    if (error instanceof StaleRevisionError) {
      return data<SaveResponse>(
        {
          intent: 'save',
          ok: false,
          reason: 'conflict',
          message: t('editor:errors.conflict', { expected: error.expectedRevision, current: error.currentRevision }),
          currentRevision: error.currentRevision,
        },
        { status: 409 },
      );
    }
    if (error instanceof InvalidFlowDocumentError) {
      return data<SaveResponse>(
        { intent: 'save', ok: false, reason: 'invalid', message: error.message },
        { status: 422 },
      );
    }
    if (error instanceof FlowNotFoundError || error instanceof FlowArchivedError) {
      return data<SaveResponse>(
        { intent: 'save', ok: false, reason: 'failed', message: storeRefusal(error, t) },
        { status: error instanceof FlowNotFoundError ? 404 : 409 },
      );
    }
    throw error;
  }
}

async function publish(
  context: Context,
  input: { flowId: string; revision: number; comment: string; author: string; language: UiLanguage },
  t: Translate,
) {
  const { db, prompts } = context.services;
  const flow = getFlow(db, input.flowId);
  if (!flow) {
    return data<PublishResponse>(
      { intent: 'publish', ok: false, reason: 'failed', message: t('editor:errors.noFlow', { id: input.flowId }) },
      { status: 404 },
    );
  }
  // Publish exactly what the person sees: if the stored draft moved on, they must look at it first.
  if (flow.revision !== input.revision) {
    return data<PublishResponse>(
      {
        intent: 'publish',
        ok: false,
        reason: 'conflict',
        message: t('editor:errors.staleRevision', { current: flow.revision, shown: input.revision }),
      },
      { status: 409 },
    );
  }
  try {
    const result = await publishFlow(
      db,
      { flowId: input.flowId, author: input.author, comment: input.comment, language: input.language },
      prompts,
    );
    return data<PublishResponse>({
      intent: 'publish',
      ok: true,
      versionNumber: result.versionNumber,
      promptsRendered: result.promptsRendered,
    });
  } catch (error) {
    if (error instanceof PublishRefusedError) {
      return data<PublishResponse>(
        {
          intent: 'publish',
          ok: false,
          reason: 'refused',
          message: error.message.split('\n')[0]!,
          diagnostics: error.diagnostics,
        },
        { status: 422 },
      );
    }
    if (error instanceof NumberClaimedError || error instanceof FlowArchivedError) {
      return data<PublishResponse>(
        { intent: 'publish', ok: false, reason: 'refused', message: storeRefusal(error, t) },
        { status: 409 },
      );
    }
    if (error instanceof PromptRenderError) {
      log.warn(`Publishing ${input.flowId} failed: ${error.message}`);
      return data<PublishResponse>(
        {
          intent: 'publish',
          ok: false,
          reason: 'failed',
          message: t('editor:errors.publishFailed', { message: error.message }),
        },
        { status: 502 },
      );
    }
    throw error;
  }
}

/** The store's refusals (db/errors.ts), said in the person's language from the facts they carry. */
function storeRefusal(error: FlowNotFoundError | FlowArchivedError | NumberClaimedError, t: Translate): string {
  if (error instanceof FlowNotFoundError) return t('editor:errors.noFlow', { id: error.flowId });
  if (error instanceof FlowArchivedError) return t('editor:errors.archived', { name: error.flowName });
  return t('editor:errors.numberClaimed', { number: error.number, flow: error.flowName });
}
