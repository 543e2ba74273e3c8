import type { TypedFlowDocument } from '#flows/document.ts';
import { languageMatches } from '#flows/languages.ts';
import { spokenPromptsOf } from '#flows/prompts.ts';
import { callLanguagesOf } from '#flows/validation/call-languages.ts';
import { conferencePromptSpecs } from '#runtime/conference/conference-messages.ts';
import { builtInPromptSpecs, platformLanguage } from '#runtime/nodes/built-in-messages.ts';
import type { PromptSpec } from '#runtime/ports.ts';
import { fixedVoicemailSentences } from '#runtime/voicemail/voicemail-prompts.ts';

/**
 * Everything publishing renders for a flow: each of its prompts in each of its languages (flows/prompts.ts), and the
 * platform's own sentences (apologies, voicemail's and conference rooms' instructions) in every language a call of the
 * flow may be in. The platform's language is left out: the runtime renders those when it starts.
 */
export function promptsToPublish(document: TypedFlowDocument, platform = platformLanguage()): PromptSpec[] {
  const types = new Set(document.nodes.map((node) => node.type));
  const otherLanguages = callLanguagesOf(document).filter((language) => !languageMatches(language, platform));
  return [
    ...spokenPromptsOf(document),
    ...otherLanguages.flatMap((language) => [
      ...builtInPromptSpecs(language),
      ...(types.has('voicemail') || types.has('voicemail-inbox') ? fixedVoicemailSentences(language) : []),
      ...(types.has('conference') ? conferencePromptSpecs(language) : []),
    ]),
  ];
}
