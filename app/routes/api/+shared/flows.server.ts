// What the /api/flows endpoints do with storage. Missing flows and versions are thrown as db/errors.ts errors, which
// apiEndpoint answers as 404s (api.server.ts).
import { calendarNames } from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { flowTraffic, type FlowTrafficQuery } from '#db/call-stats.ts';
import { FlowNotFoundError, StaleRevisionError, VersionNotFoundError } from '#db/errors.ts';
import {
  claimedNumbers,
  createFlow,
  getFlow,
  getVersion,
  listFlows,
  listVersions,
  saveDraft,
  type FlowRecord,
} from '#db/flows.ts';
import type { FlowDocument } from '#flows/document.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { requireFlowDocumentShape } from './flow-input.server.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

/** The flow, or a FlowNotFoundError. */
export function requireFlow(db: SwitchboardDb, flowId: string): FlowRecord {
  const flow = getFlow(db, flowId);
  if (!flow) throw new FlowNotFoundError(flowId);
  return flow;
}

export function listFlowsForApi(db: SwitchboardDb, includeArchived: boolean) {
  return listFlows(db, { includeArchived });
}

// Each function that judges a flow takes the caller's language (callerLanguage): the diagnostics' messages are in
// it, their codes are the same in every language.

/**
 * Stores a new flow from a document (a 400 when it is not shaped like one) and returns it as GET /api/flows/:flowId
 * shows it, with what the validator thinks of it.
 */
export function createFlowFromDocument(db: SwitchboardDb, input: unknown, author: string, language: UiLanguage) {
  const { shaped, diagnostics } = requireFlowDocumentShape(input, { language });
  const { flowId } = createFlow(db, { document: shaped, author });
  return { flowId, flow: getFlow(db, flowId), diagnostics };
}

/** The flow and what the validator thinks of its draft, numbers of other flows included. */
export function showFlow(
  db: SwitchboardDb,
  flowId: string,
  language: UiLanguage,
): { flow: FlowRecord; diagnostics: Diagnostic[] } {
  const flow = requireFlow(db, flowId);
  const { diagnostics } = validateFlow(flow.draft, {
    claimedNumbers: claimedNumbers(db, flowId),
    calendars: calendarNames(db),
    language,
  });
  return { flow, diagnostics };
}

/** Judges `document` as publishing would, including numbers other flows already answer. */
export function judgeFlowDocument(
  db: SwitchboardDb,
  flowId: string,
  document: unknown,
  language: UiLanguage,
): Diagnostic[] {
  return validateFlow(document, {
    claimedNumbers: claimedNumbers(db, flowId),
    calendars: calendarNames(db),
    language,
  }).diagnostics;
}

/** Replaces the draft if nobody saved since `expectedRevision` (a StaleRevisionError otherwise; a 400 when shapeless). */
export function saveDraftFromApi(
  db: SwitchboardDb,
  input: { flowId: string; document: unknown; expectedRevision: number; author: string },
  language: UiLanguage,
): { revision: number; diagnostics: Diagnostic[] } {
  const { shaped, diagnostics } = requireFlowDocumentShape(input.document, { language });
  const { revision } = saveDraft(db, { ...input, document: shaped });
  return { revision, diagnostics };
}

/** The published versions of an existing flow, newest first. */
export function listPublishedVersions(db: SwitchboardDb, flowId: string) {
  requireFlow(db, flowId);
  return listVersions(db, flowId);
}

/** The flow and the document to export: its draft, or published version `version`. */
export function flowToExport(
  db: SwitchboardDb,
  flowId: string,
  version: number | undefined,
): { flow: FlowRecord; document: FlowDocument } {
  const flow = requireFlow(db, flowId);
  if (version === undefined) return { flow, document: flow.draft };
  const stored = getVersion(db, flowId, version);
  if (!stored) throw new VersionNotFoundError(flowId, version);
  return { flow, document: stored.document };
}

/** Publishes the draft; refused with a StaleRevisionError when `revision` is given and the draft moved on since. */
export async function publishDraftFromApi(
  db: SwitchboardDb,
  prompts: PromptStore,
  input: { flowId: string; revision: number | undefined; author: string; comment: string; language: UiLanguage },
) {
  const flow = requireFlow(db, input.flowId);
  if (input.revision !== undefined && input.revision !== flow.revision) {
    throw new StaleRevisionError(input.flowId, input.revision, flow.revision);
  }
  return publishFlow(
    db,
    { flowId: input.flowId, author: input.author, comment: input.comment, language: input.language },
    prompts,
  );
}

/** Where the flow's calls of the period went, with the period it answers for. */
export function flowTrafficReport(db: SwitchboardDb, query: FlowTrafficQuery) {
  return { ...query, ...flowTraffic(db, query) };
}
