// The flows list's actions besides "New flow": duplicate, delete (archive) with a confirmation step, take a flow's
// numbers out of service, and import a flow document file. Each answers what the page shows next; refusals carry a
// sentence saying what is wrong and where (in the words of the `t` they are given: the request's language), and
// change nothing.
import { FlowInUseError, FlowNotFoundError, InvalidFlowDocumentError } from '#db/errors.ts';
import { archiveFlow, createFlow, duplicateFlow, getFlow, listFlows, unbindNumbers } from '#db/flows.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { emptyFlowDocument } from '#flows/document.ts';
import { validateFlow } from '#flows/validate.ts';
import { parseJsonWithLocation } from '#flows/validation/parse-json.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { translateMessage } from '../i18n/translate-message.ts';

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

/** What an import read: an uploaded file (by its name) or pasted text; sentences name it. */
export type ImportSource = { kind: 'file'; name: string } | { kind: 'pasted' };

/** "New flow": an empty draft named `name`. */
export function createEmptyFlow(db: SwitchboardDb, name: string, author: string): { flowId: string } {
  return createFlow(db, { document: emptyFlowDocument(name), author });
}

/** Flow names are at most 120 characters (flows/document.ts): a long name's copy is shortened to fit. */
export function copyName(name: string, t: Translate): string {
  const copy = t('flows:actions.copyName', { name });
  return copy.length <= 120 ? copy : `${copy.slice(0, 119)}…`;
}

export function duplicate(
  db: SwitchboardDb,
  flowId: string,
  author: string,
  t: Translate,
): { flowId: string } | ListActionResult {
  const source = getFlow(db, flowId);
  if (!source) return { intent: 'failed', ok: false, message: t('flows:actions.noFlowToDuplicate', { flowId }) };
  return duplicateFlow(db, flowId, copyName(source.name, t), author);
}

/** Archives the flow; refused (with the numbers that still reach it) while it answers calls. */
export function deleteFlow(db: SwitchboardDb, flowId: string, t: Translate): ListActionResult | null {
  try {
    archiveFlow(db, flowId);
    return null;
  } catch (error) {
    if (error instanceof FlowInUseError) {
      const reasons = [
        error.boundNumbers.length > 0
          ? t('flows:actions.answersNumbers', {
              count: error.boundNumbers.length,
              numbers: error.boundNumbers.join(', '),
            })
          : '',
        error.runningCalls > 0 ? t('flows:actions.runningCalls', { count: error.runningCalls }) : '',
      ].filter(Boolean);
      const [first = '', second] = reasons;
      return {
        intent: 'delete',
        flowId,
        ok: false,
        message: t('flows:actions.notDeleted', {
          name: error.flowName,
          reasons: second ? t('flows:actions.bothReasons', { first, second }) : first,
        }),
        boundNumbers: error.boundNumbers,
      };
    }
    if (error instanceof FlowNotFoundError) {
      return { intent: 'failed', ok: false, message: t('flows:errors.flowNotFound', { flowId }) };
    }
    throw error;
  }
}

export function takeOutOfService(db: SwitchboardDb, flowId: string, t: Translate): ListActionResult {
  const flow = getFlow(db, flowId);
  if (!flow) return { intent: 'failed', ok: false, message: t('flows:errors.flowNotFound', { flowId }) };
  const numbers = unbindNumbers(db, flowId);
  return {
    intent: 'unbind',
    flowId,
    ok: true,
    message:
      numbers.length > 0
        ? t('flows:actions.unbound', { name: flow.name, numbers: numbers.join(', '), count: numbers.length })
        : t('flows:actions.noNumberInService', { name: flow.name }),
  };
}

/** What the import form sent: an uploaded file, or text pasted in the text area. */
export async function importedText(form: FormData): Promise<{ text: string; source: ImportSource } | null> {
  const file = form.get('file');
  if (file instanceof File && file.size > 0)
    return { text: await file.text(), source: { kind: 'file', name: file.name } };
  const pasted = form.get('text');
  if (typeof pasted === 'string' && pasted.trim() !== '') return { text: pasted, source: { kind: 'pasted' } };
  return null;
}

function sourceName(source: ImportSource, t: Translate): string {
  if (source.kind === 'pasted') return t('flows:actions.sourcePasted');
  return t('flows:actions.sourceFile', { name: source.name || t('flows:actions.sourceUpload') });
}

/** A new flow from a flow document's text, or why not, in `language` (nothing is created then). */
export function importFlow(
  db: SwitchboardDb,
  input: { text: string; source: ImportSource },
  author: string,
  language: UiLanguage,
): { flowId: string } | ListActionResult {
  const t = translatorFor(language);
  const source = sourceName(input.source, t);
  const parsed = parseJsonWithLocation(input.text, language);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return {
      intent: 'import',
      ok: false,
      message: t('flows:actions.notJson', { source, line, column, message }),
      problems: [],
    };
  }
  const validation = validateFlow(parsed.value, { language });
  if (!validation.document) {
    const tooLarge = validation.diagnostics.some((diagnostic) => diagnostic.code === 'flow-too-large');
    return {
      intent: 'import',
      ok: false,
      message: t(tooLarge ? 'flows:actions.tooLarge' : 'flows:actions.notFlowDocument', { source }),
      problems: validation.diagnostics.map((diagnostic) => translateMessage(t, diagnostic.message)),
    };
  }
  try {
    return createFlow(db, { document: validation.document, author });
  } catch (error) {
    if (error instanceof InvalidFlowDocumentError) {
      return {
        intent: 'import',
        ok: false,
        message: t('flows:actions.notFlowDocument', { source }),
        problems: error.problems.map(
          (problem) => `${problem.path || t('flows:actions.wholeDocument')}: ${translateMessage(t, problem.message)}`,
        ),
      };
    }
    throw error;
  }
}
