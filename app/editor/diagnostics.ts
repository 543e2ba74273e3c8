import { isNodeType } from '#flows/catalogue.ts';
import { nodeTitle } from '#flows/node-texts.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import type { Diagnostic } from '#flows/validate.ts';

/** Diagnostics grouped the way the screen shows them. */
export interface DiagnosticsIndex {
  errors: number;
  warnings: number;
  /** Per node: everything said about it (for the badge on the canvas and the inspector). */
  byNode: Map<string, Diagnostic[]>;
  /** Field path inside the flow settings ("numbers.1", "name") -> messages. */
  settingsFields: Map<string, string[]>;
}

export function indexDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticsIndex {
  const byNode = new Map<string, Diagnostic[]>();
  const settingsFields = new Map<string, string[]>();
  let errors = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors += 1;
    if (diagnostic.nodeId !== undefined) {
      const list = byNode.get(diagnostic.nodeId) ?? [];
      list.push(diagnostic);
      byNode.set(diagnostic.nodeId, list);
    } else if (
      diagnostic.field !== undefined &&
      !diagnostic.field.startsWith('nodes.') &&
      !diagnostic.field.startsWith('edges.')
    ) {
      const list = settingsFields.get(diagnostic.field) ?? [];
      list.push(settingsMessage(diagnostic.message));
      settingsFields.set(diagnostic.field, list);
    }
  }
  return { errors, warnings: diagnostics.length - errors, byNode, settingsFields };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A node diagnostic reads `Menu "menu-1": prompt.text: Type what the caller should hear.` — right for a list of
 * problems, but next to the field itself the node and the field are obvious: keep the last part. The diagnostic
 * was worded in `language` (validateFlow's), so the node's title is looked for in that language; the quotes and
 * the colon are matched in either typography ("menu-1": or « menu-1 » :), as French writes them.
 */
export function fieldMessage(diagnostic: Diagnostic, nodeType: string, language: UiLanguage): string {
  let message = diagnostic.message;
  if (diagnostic.nodeId !== undefined) {
    // An unknown type's diagnostics name it by a word of the validation's own ("Node"): any word will do.
    const title = isNodeType(nodeType) ? escape(nodeTitle(nodeType, translatorFor(language))) : '[^"«]+';
    const label = new RegExp(`^${title}\\s?["«]\\s?${escape(diagnostic.nodeId)}\\s?["»]\\s?: `);
    message = message.replace(label, '');
  }
  if (diagnostic.field) message = message.replace(new RegExp(`^${escape(diagnostic.field)}\\s?: `), '');
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function settingsMessage(message: string): string {
  // "This is not a valid flow document (field name): Give the flow a name." -> "Give the flow a name." (in either
  // language: the part in brackets names the field, the sentence after the colon says what to do).
  const match = /^[^(:]+\((?:field|champ) [^)]*\) ?: (.*)$/s.exec(message);
  return match ? match[1]! : message;
}

/** Field path -> messages for one node, for the inspector form. */
export function nodeFieldMessages(
  diagnostics: readonly Diagnostic[],
  nodeType: string,
  language: UiLanguage,
): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.field === undefined) continue;
    const list = fields.get(diagnostic.field) ?? [];
    list.push(fieldMessage(diagnostic, nodeType, language));
    fields.set(diagnostic.field, list);
  }
  return fields;
}
