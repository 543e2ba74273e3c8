// The flows list's actions besides "New flow": duplicate, delete (archive) with a confirmation step, take a flow's
// numbers out of service, and import a flow document file. Each answers what the page shows next; refusals carry a
// sentence saying what is wrong and where, and change nothing.
import { FlowInUseError, FlowNotFoundError, InvalidFlowDocumentError } from '#db/errors.ts';
import { archiveFlow, createFlow, duplicateFlow, getFlow, listFlows, unbindNumbers } from '#db/flows.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { emptyFlowDocument } from '#flows/document.ts';
import { validateFlow } from '#flows/validate.ts';
import { parseJsonWithLocation } from '#flows/validation/parse-json.ts';
import type { UiLanguage } from '#i18n/languages.ts';

export type ListActionResult =
  | { intent: 'delete'; flowId: string; ok: false; message: string; boundNumbers: string[] }
  | { intent: 'import'; ok: false; message: string; problems: string[] }
  | { intent: 'unbind'; flowId: string; ok: true; message: string }
  | { intent: 'failed'; ok: false; message: string };

/** Every flow of the list with how many errors and warnings its draft has. */
export function loadFlowsList(db: SwitchboardDb) {
  return listFlows(db).map((summary) => {
    const draft = getFlow(db, summary.id)?.draft;
    const diagnostics = draft ? validateFlow(draft).diagnostics : [];
    return {
      ...summary,
      errors: diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length,
      warnings: diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length,
    };
  });
}

/** "New flow": an empty draft named `name`. */
export function createEmptyFlow(db: SwitchboardDb, name: string, author: string): { flowId: string } {
  return createFlow(db, { document: emptyFlowDocument(name), author });
}

/** Flow names are at most 120 characters (flows/document.ts): a long name's copy is shortened to fit. */
export function copyName(name: string): string {
  const copy = `Copy of ${name}`;
  return copy.length <= 120 ? copy : `${copy.slice(0, 119)}…`;
}

export function duplicate(db: SwitchboardDb, flowId: string, author: string): { flowId: string } | ListActionResult {
  const source = getFlow(db, flowId);
  if (!source) return { intent: 'failed', ok: false, message: `There is no flow "${flowId}" to duplicate.` };
  return duplicateFlow(db, flowId, copyName(source.name), author);
}

/** Archives the flow; refused (with the numbers that still reach it) while it answers calls. */
export function deleteFlow(db: SwitchboardDb, flowId: string): ListActionResult | null {
  try {
    archiveFlow(db, flowId);
    return null;
  } catch (error) {
    if (error instanceof FlowInUseError) {
      const reasons = [
        error.boundNumbers.length > 0
          ? `it is published and answers ${error.boundNumbers.length === 1 ? 'the number' : 'the numbers'} ${error.boundNumbers.join(', ')}`
          : '',
        error.runningCalls > 0
          ? `${error.runningCalls} call${error.runningCalls === 1 ? ' is' : 's are'} running in it`
          : '',
      ].filter(Boolean);
      return {
        intent: 'delete',
        flowId,
        ok: false,
        message: `"${error.flowName}" was not deleted: ${reasons.join(' and ')}.`,
        boundNumbers: error.boundNumbers,
      };
    }
    if (error instanceof FlowNotFoundError) return { intent: 'failed', ok: false, message: error.message };
    throw error;
  }
}

export function takeOutOfService(db: SwitchboardDb, flowId: string): ListActionResult {
  const flow = getFlow(db, flowId);
  if (!flow) return { intent: 'failed', ok: false, message: `There is no flow "${flowId}".` };
  const numbers = unbindNumbers(db, flowId);
  return {
    intent: 'unbind',
    flowId,
    ok: true,
    message:
      numbers.length > 0
        ? `"${flow.name}" no longer answers ${numbers.join(', ')}; callers to ${numbers.length === 1 ? 'it' : 'them'} hear "not in service".`
        : `"${flow.name}" had no number in service.`,
  };
}

/** What the import form sent: an uploaded file, or text pasted in the text area. */
export async function importedText(form: FormData): Promise<{ text: string; source: string } | null> {
  const file = form.get('file');
  if (file instanceof File && file.size > 0)
    return { text: await file.text(), source: `The file "${file.name || 'upload'}"` };
  const pasted = form.get('text');
  if (typeof pasted === 'string' && pasted.trim() !== '') return { text: pasted, source: 'The pasted text' };
  return null;
}

/** A new flow from a flow document's text, or why not (nothing is created then; its problems in `language`). */
export function importFlow(
  db: SwitchboardDb,
  input: { text: string; source: string },
  author: string,
  language: UiLanguage,
): { flowId: string } | ListActionResult {
  const parsed = parseJsonWithLocation(input.text, language);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return {
      intent: 'import',
      ok: false,
      message: `${input.source} is not valid JSON (line ${line}, column ${column}): ${message} Nothing was imported.`,
      problems: [],
    };
  }
  const validation = validateFlow(parsed.value, { language });
  if (!validation.document) {
    const tooLarge = validation.diagnostics.some((diagnostic) => diagnostic.code === 'flow-too-large');
    return {
      intent: 'import',
      ok: false,
      message: `${input.source} is ${tooLarge ? 'too large to import' : 'not a flow document'}; nothing was imported.`,
      problems: validation.diagnostics.map((diagnostic) => diagnostic.message),
    };
  }
  try {
    return createFlow(db, { document: validation.document, author });
  } catch (error) {
    if (error instanceof InvalidFlowDocumentError) {
      return {
        intent: 'import',
        ok: false,
        message: `${input.source} is not a flow document; nothing was imported.`,
        problems: error.problems.map((problem) => `${problem.path || '(document)'}: ${problem.message}`),
      };
    }
    throw error;
  }
}
