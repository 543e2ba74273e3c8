// Reverting = publishing an old version's document again as the next version number. Like publishing, it checks
// the document first (a number may have been taken by another flow since) and renders every prompt BEFORE the new
// version goes live, so no caller waits for synthesis; then revertToVersion writes it all in one transaction.
import type { AppLoadContext } from 'react-router';
import { FlowArchivedError, FlowNotFoundError, NumberClaimedError, VersionNotFoundError } from '#db/errors.ts';
import { calendarNames } from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import {
  claimedNumbers,
  getFlow,
  getVersion,
  revertToVersion,
  type FlowRecord,
  type VersionRecord,
} from '#db/flows.ts';
import { spokenPromptsOf } from '#flows/prompts.ts';
import { validateFlow } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { log } from '#runtime/log.ts';
import { PromptRenderError } from '#runtime/tts/prompt-store.ts';

/** The flow (null: no such flow) and its version `versionNumber` (null: no such version, or no number at all). */
export function loadFlowVersion(
  db: SwitchboardDb,
  flowId: string,
  versionNumber: number | null,
): { flow: FlowRecord; version: VersionRecord | null } | null {
  const flow = getFlow(db, flowId);
  if (!flow) return null;
  return { flow, version: versionNumber === null ? null : getVersion(db, flow.id, versionNumber) };
}

export type RevertOutcome =
  | { ok: true; versionNumber: number; promptsRendered: number }
  | { ok: false; status: number; message: string; problems: string[] };

export async function revertFlow(
  context: Pick<AppLoadContext, 'services'>,
  // The diagnostics of a version that cannot be published again are in `language`, the page's.
  input: { flowId: string; versionNumber: number; author: string; comment: string; language: UiLanguage },
): Promise<RevertOutcome> {
  const { db, prompts } = context.services;
  const version = getVersion(db, input.flowId, input.versionNumber);
  if (!version)
    return { ok: false, status: 404, message: `This flow has no version ${input.versionNumber}.`, problems: [] };
  const validation = validateFlow(version.document, {
    claimedNumbers: claimedNumbers(db, input.flowId),
    calendars: calendarNames(db),
    language: input.language,
  });
  if (!validation.typed) {
    return {
      ok: false,
      status: 409,
      message: `Version ${input.versionNumber} cannot be published again as it is; nothing was changed.`,
      problems: validation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    };
  }
  const specs = spokenPromptsOf(validation.typed);
  try {
    await prompts.renderAll(specs);
    const comment = input.comment.trim() || `Back to version ${input.versionNumber}`;
    const reverted = revertToVersion(db, {
      flowId: input.flowId,
      versionNumber: input.versionNumber,
      author: input.author,
      comment,
    });
    return { ok: true, versionNumber: reverted.versionNumber, promptsRendered: specs.length };
  } catch (error) {
    if (error instanceof NumberClaimedError || error instanceof FlowArchivedError) {
      return { ok: false, status: 409, message: `Nothing was changed: ${error.message}.`, problems: [] };
    }
    if (error instanceof FlowNotFoundError || error instanceof VersionNotFoundError) {
      return { ok: false, status: 404, message: error.message, problems: [] };
    }
    if (error instanceof PromptRenderError) {
      log.warn(`Reverting ${input.flowId} to version ${input.versionNumber} failed: ${error.message}`);
      return { ok: false, status: 502, message: `Nothing was changed. ${error.message}`, problems: [] };
    }
    throw error;
  }
}
