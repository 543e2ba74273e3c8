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
import { validateFlow } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { log } from '#runtime/log.ts';
import { promptsToPublish } from '#provisioning/publish-prompts.ts';
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

/** Publishes version `versionNumber` again as the next version, or says why not (in `language`). */
export async function revertFlow(
  context: Pick<AppLoadContext, 'services'>,
  language: UiLanguage,
  input: { flowId: string; versionNumber: number; author: string; comment: string },
): Promise<RevertOutcome> {
  const t = translatorFor(language);
  const { db, prompts } = context.services;
  const number = input.versionNumber;
  const version = getVersion(db, input.flowId, number);
  if (!version) {
    return { ok: false, status: 404, message: t('flows:version.errors.noSuchVersion', { number }), problems: [] };
  }
  const validation = validateFlow(version.document, {
    claimedNumbers: claimedNumbers(db, input.flowId),
    calendars: calendarNames(db),
    language,
  });
  if (!validation.typed) {
    return {
      ok: false,
      status: 409,
      message: t('flows:version.errors.cannotRepublish', { number }),
      problems: validation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    };
  }
  const specs = promptsToPublish(validation.typed);
  try {
    await prompts.renderAll(specs);
    const comment = input.comment.trim() || t('flows:version.defaultComment', { number });
    const reverted = revertToVersion(db, {
      flowId: input.flowId,
      versionNumber: input.versionNumber,
      author: input.author,
      comment,
    });
    return { ok: true, versionNumber: reverted.versionNumber, promptsRendered: specs.length };
  } catch (error) {
    if (error instanceof NumberClaimedError) {
      const message = t('flows:version.errors.numberClaimed', { number: error.number, name: error.flowName });
      return { ok: false, status: 409, message, problems: [] };
    }
    if (error instanceof FlowArchivedError) {
      return {
        ok: false,
        status: 409,
        message: t('flows:version.errors.archived', { name: error.flowName }),
        problems: [],
      };
    }
    if (error instanceof FlowNotFoundError) {
      const message = t('flows:errors.flowNotFound', { flowId: error.flowId });
      return { ok: false, status: 404, message, problems: [] };
    }
    if (error instanceof VersionNotFoundError) {
      return { ok: false, status: 404, message: t('flows:version.errors.noSuchVersion', { number }), problems: [] };
    }
    if (error instanceof PromptRenderError) {
      log.warn(`Reverting ${input.flowId} to version ${input.versionNumber} failed: ${error.message}`);
      return {
        ok: false,
        status: 502,
        message: t('flows:version.errors.promptsFailed', { count: error.failures.length }),
        // The speech engine's own words, for whoever fixes it.
        problems: error.failures.map(
          ({ spec, error: cause }) =>
            `“${spec.text.slice(0, 60)}” (${spec.language}): ${cause instanceof Error ? cause.message : String(cause)}`,
        ),
      };
    }
    throw error;
  }
}
