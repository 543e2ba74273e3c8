import type { Translate } from '#i18n/translator.ts';
import { nodeDefinition, type NodeType, type TypedFlowNode } from '../catalogue.ts';
import { languageMatches, languagesOfPrompt, promptHasLanguage } from '../languages.ts';
import type { LanguageSwitch } from '../node-definition.ts';
import type { Diagnostic, DiagnosticCode } from './diagnostics.ts';

/** A node whose data its type's schema accepted. */
export interface ParsedNode<T extends NodeType = NodeType> extends Pick<TypedFlowNode<T>, 'id' | 'type' | 'data'> {
  /** How messages name the node: `Menu "main-menu"`. */
  label?: string;
}

function addLanguage(languages: string[], language: string): boolean {
  if (languages.some((known) => languageMatches(known, language))) return false;
  languages.push(language);
  return true;
}

function switchOf<T extends NodeType>(node: ParsedNode<T>): LanguageSwitch {
  return nodeDefinition(node.type).languageSwitch?.(node.data) ?? { kind: 'none' };
}

/**
 * Every language a call of the flow may be in: the flow's own, then each one a node may switch to, in the order
 * the nodes come, each once (two tags of one language where one has no region, "en" and "en-GB", count once).
 */
export function callLanguagesOf(document: { language: string; nodes: readonly ParsedNode[] }): string[] {
  const languages = [document.language];
  for (const node of document.nodes) {
    const change = switchOf(node);
    if (change.kind === 'to') for (const language of change.languages) addLanguage(languages, language);
  }
  return languages;
}

/**
 * The languages a call may be in when it reaches each node: from Start in the flow's language, along the edges,
 * changed by the nodes that switch it. A chooser menu before any switch is reached only in the flow's language, so
 * its prompt needs no translation; everything after "press 2 for English" needs English. Nodes are given by index,
 * null for one validation could not read (it lets languages through unchanged); `adjacency[i]` lists the nodes
 * edges lead to from node i.
 */
export function languagesReachingNodes(
  flowLanguage: string,
  nodes: readonly (ParsedNode | null)[],
  adjacency: readonly (readonly number[])[],
  starts: readonly number[],
): string[][] {
  const every = callLanguagesOf({
    language: flowLanguage,
    nodes: nodes.filter((node): node is ParsedNode => node !== null),
  });
  const reaching = nodes.map((): string[] => []);
  const leaving = (index: number): string[] => {
    const node = nodes[index];
    const change = node ? switchOf(node) : ({ kind: 'none' } as const);
    if (change.kind === 'to') return change.languages;
    if (change.kind === 'unknown') return every;
    return reaching[index]!;
  };
  const pending = [...starts];
  for (const start of starts) addLanguage(reaching[start]!, flowLanguage);
  // Each node's set only grows, and is bounded by the flow's languages: the walk ends after a few passes.
  while (pending.length > 0) {
    const index = pending.pop()!;
    const out = leaving(index);
    for (const target of adjacency[index] ?? []) {
      let grew = false;
      for (const language of out) grew = addLanguage(reaching[target]!, language) || grew;
      if (grew) pending.push(target);
    }
  }
  return reaching;
}

type Report = (code: DiagnosticCode, message: string, where: Pick<Diagnostic, 'nodeId' | 'field'>) => void;

/**
 * Warns of each prompt that has no text in a language a call may be in when it reaches the prompt: a caller who
 * chose English would hear it in French. `reaching[i]` are the languages reaching node i (languagesReachingNodes).
 */
export function checkPromptLanguages(
  nodes: readonly (ParsedNode | null)[],
  reaching: readonly (readonly string[])[],
  report: Report,
  t: Translate,
): void {
  for (const [index, node] of nodes.entries()) {
    if (!node) continue;
    for (const { field, prompt } of writtenPromptsOf(node)) {
      const missing = reaching[index]!.filter((language) => !promptHasLanguage(prompt, language));
      if (missing.length === 0) continue;
      report(
        'prompt-language-missing',
        t('diagnostics:promptLanguageMissing', {
          count: missing.length,
          node: node.label ?? t('diagnostics:unknownNodeLabel', { id: node.id }),
          where: field ? t('diagnostics:promptInField', { field }) : t('diagnostics:ownPrompt'),
          missing: missing.join(', '),
          has: languagesOfPrompt(prompt).join(', '),
          language: prompt.language,
        }),
        { nodeId: node.id, field: field ? `${field}.translations` : 'translations' },
      );
    }
  }
}

function writtenPromptsOf<T extends NodeType>(node: ParsedNode<T>) {
  return nodeDefinition(node.type).writtenPrompts?.(node.data) ?? [];
}
