import { nodeDefinition, type NodeType, type TypedFlowNode } from '../catalogue.ts';
import { languageMatches, languagesOfPrompt, promptHasLanguage } from '../languages.ts';
import type { Diagnostic, DiagnosticCode } from './diagnostics.ts';

/** A node whose data its type's schema accepted. */
export interface ParsedNode<T extends NodeType = NodeType> extends Pick<TypedFlowNode<T>, 'id' | 'type' | 'data'> {
  /** How messages name the node: `Menu "main-menu"`. */
  label?: string;
}

/**
 * Every language a call of the flow may be in: the flow's own, then each one a node may switch to, in the order
 * the nodes come, each once (two tags of one language without region, "en" and "en-GB", count once).
 */
export function callLanguagesOf(document: { language: string; nodes: readonly ParsedNode[] }): string[] {
  const languages = [document.language];
  for (const node of document.nodes) {
    for (const language of switchedLanguagesOf(node)) {
      if (!languages.some((known) => languageMatches(known, language))) languages.push(language);
    }
  }
  return languages;
}

function switchedLanguagesOf<T extends NodeType>(node: ParsedNode<T>): string[] {
  return nodeDefinition(node.type).callLanguages?.(node.data) ?? [];
}

type Report = (code: DiagnosticCode, message: string, where: Pick<Diagnostic, 'nodeId' | 'field'>) => void;

/**
 * Warns of each prompt that has no text in a language the call may be in: a caller who chose English would hear it
 * in French. Only flows that switch language are concerned; a flow in one language has nothing to translate.
 */
export function checkPromptLanguages(
  document: { language: string; nodes: readonly ParsedNode[] },
  report: Report,
): void {
  const languages = callLanguagesOf(document);
  if (languages.length < 2) return;
  for (const node of document.nodes) {
    for (const { field, prompt } of writtenPromptsOf(node)) {
      const missing = languages.filter((language) => !promptHasLanguage(prompt, language));
      if (missing.length === 0) continue;
      const where = field ? `the prompt in ${field}` : 'its prompt';
      report(
        'prompt-language-missing',
        `${node.label ?? `Node "${node.id}"`}: ${where} has no text in ${missing.join(', ')} (it has ${languagesOfPrompt(prompt).join(', ')}), so callers who chose ${missing.length > 1 ? 'those languages' : 'it'} hear it in ${prompt.language}. Add the translation.`,
        { nodeId: node.id, field: field ? `${field}.translations` : 'translations' },
      );
    }
  }
}

function writtenPromptsOf<T extends NodeType>(node: ParsedNode<T>) {
  return nodeDefinition(node.type).writtenPrompts?.(node.data) ?? [];
}
