import { languageMatches } from '#flows/languages.ts';
import type { ExecutionContext } from './executor.ts';

/**
 * The language of the sentences a node says on its own (voicemail's instructions, a conference's PIN request, a
 * queue's position) when the node names a language of its own: the node's, as long as the caller is in the flow's
 * language; the caller's once they switched to another (they pressed "2 for English"). So a flow written before
 * flows spoke several languages sounds exactly as it did (docs/decisions/018-flows-in-several-languages.md).
 */
export function nodeMessagesLanguage(context: Pick<ExecutionContext, 'language' | 'flow'>, nodeLanguage: string) {
  const switched = !languageMatches(context.flow.document.language, context.language);
  return switched ? context.language : nodeLanguage;
}

/** The node's voice belongs to the node's language: a caller who switched hears the default voice of theirs. */
export function voiceFor(language: string, node: { language: string; voice?: string | undefined }) {
  return language === node.language && node.voice ? { voice: node.voice } : {};
}
