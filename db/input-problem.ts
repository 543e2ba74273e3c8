import { i18nFor } from '#i18n/translator.ts';

// A refused field of a form or command, as data. Rules write their message as a catalogue key
// ("people:errors.pinFormat"), so each place that shows it can say it in its reader's language: the web page in
// the page's, the CLI and the HTTP API in English (the message) until they are given one.

export type MessageValues = Record<string, string | number>;

export interface InputProblem {
  field: string;
  /** The sentence in English. */
  message: string;
  /** The catalogue key of the sentence, when it has one (messages of other libraries do not). */
  key?: string;
  values?: MessageValues;
}

const english = i18nFor('en');

/** The problem for `field`: a catalogue key gets its English sentence beside it, any other message stays as it is. */
export function inputProblem(field: string, message: string, values?: MessageValues): InputProblem {
  if (!english.exists(message)) return { field, message };
  return { field, message: english.t(message as never, values ?? {}), key: message, ...(values ? { values } : {}) };
}
