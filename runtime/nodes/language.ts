import { LANGUAGE_VARIABLE } from '#flows/languages.ts';
import { chosenLanguage } from '#flows/nodes/language.ts';
import { next, type NodeExecutor } from './executor.ts';

/**
 * Switches the language the caller hears from here on: it sets the call variable `language`, which every prompt and
 * platform sentence after this node follows (runtime/nodes/speak.ts), and which a later `set` or `language` may change.
 */
export const languageExecutor: NodeExecutor<'language'> = {
  async run(node, context) {
    const language = chosenLanguage(node.data, context.call.caller.number);
    context.variables.set(LANGUAGE_VARIABLE, language);
    context.record({ kind: 'variable-set', detail: { variable: LANGUAGE_VARIABLE, value: language } });
    return next;
  },
};
