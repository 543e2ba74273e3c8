import { calendarNames } from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { FlowNotFoundError } from '#db/errors.ts';
import { claimedNumbers, getFlow, publishVersion } from '#db/flows.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { promptsToPublish } from './publish-prompts.ts';

export class PublishRefusedError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    super(
      `Publishing refused: ${errors.length} error${errors.length === 1 ? '' : 's'} to fix first.\n` +
        errors.map((diagnostic) => `  ${diagnostic.message}`).join('\n'),
    );
    this.name = 'PublishRefusedError';
  }
}

export interface PublishRequest {
  flowId: string;
  author: string;
  comment?: string;
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
  });
  if (!validation.typed) throw new PublishRefusedError(validation.diagnostics);
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
