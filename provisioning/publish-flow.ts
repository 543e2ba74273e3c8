import { calendarNames } from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { FlowNotFoundError } from '#db/errors.ts';
import { claimedNumbers, getFlow, publishVersion } from '#db/flows.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { promptsToPublish } from './publish-prompts.ts';

/** Refused because the draft has errors: its first line says how many, then one line per error, in `language`. */
export class PublishRefusedError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    language: UiLanguage = 'en',
  ) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    super(
      `${translatorFor(language)('diagnostics:refused.publish', { count: errors.length })}\n` +
        errors.map((diagnostic) => `  ${diagnostic.message}`).join('\n'),
    );
    this.name = 'PublishRefusedError';
  }
}

export interface PublishRequest {
  flowId: string;
  author: string;
  comment?: string;
  /** The language of the diagnostics, for the person publishing (the page's, the API caller's, the terminal's). */
  language?: UiLanguage;
}

export interface PublishResult {
  versionId: string;
  versionNumber: number;
  diagnostics: Diagnostic[];
  promptsRendered: number;
}

/**
 * Publishing = validate the draft (including numbers other flows already hold) -> render every prompt so callers
 * never wait for synthesis -> store an immutable version and bind its numbers in one transaction (db/).
 */
export async function publishFlow(
  db: SwitchboardDb,
  request: PublishRequest,
  prompts: PromptStore,
): Promise<PublishResult> {
  const flow = getFlow(db, request.flowId);
  if (!flow) throw new FlowNotFoundError(request.flowId);
  const validation = validateFlow(flow.draft, {
    claimedNumbers: claimedNumbers(db, request.flowId),
    calendars: calendarNames(db),
    language: request.language ?? 'en',
  });
  if (!validation.typed) throw new PublishRefusedError(validation.diagnostics, request.language);
  const specs = promptsToPublish(validation.typed);
  await prompts.renderAll(specs);
  const version = publishVersion(db, {
    flowId: request.flowId,
    document: validation.typed,
    author: request.author,
    comment: request.comment ?? '',
    sourceRevision: flow.revision,
  });
  return { ...version, diagnostics: validation.diagnostics, promptsRendered: specs.length };
}
