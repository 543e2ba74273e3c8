import { diagnostics as englishDiagnostics } from '#i18n/catalogues/en/diagnostics.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';

// The rules the flow schemas state ("Type what the caller should hear") are shared with the people forms, the
// database layer, the API's 400 answers and the CLI, which all show a zod issue's message as it is. So a schema
// carries the English sentence of its rule, taken from the catalogue (schemaMessage), never a bare key that would
// leak into those places; validation, which knows its reader's language, finds the catalogue sentence back from the
// English one (translateSchemaMessage) and words it in that language. schema-messages.test.ts checks that no two
// rules share an English sentence, so the way back is unambiguous.

type SchemaKey = keyof typeof englishDiagnostics.schema;
type Stem<Key> = Key extends `${infer Base}_one` | `${infer Base}_other` ? Base : Key;
/** A rule of the `diagnostics:schema` catalogue; a plural one ("digitsMin") is named without its _one/_other. */
export type SchemaMessageKey = Stem<SchemaKey>;

/** Every rule, each once (a plural rule's forms share one key). */
export const SCHEMA_MESSAGE_KEYS: readonly SchemaMessageKey[] = [
  ...new Set(Object.keys(englishDiagnostics.schema).map((key) => key.replace(/_(one|other)$/, ''))),
] as SchemaMessageKey[];

function render(t: Translate, key: SchemaMessageKey, count: number | undefined): string {
  return String(t(`diagnostics:schema.${key}` as never, (count === undefined ? {} : { count }) as never));
}

/**
 * The English sentence of a rule, for a schema: `z.string().min(1, schemaMessage('promptEmpty'))`. `count` is the
 * bound the rule names (at least 5 s), the very number zod's issue reports as its minimum or maximum.
 */
export function schemaMessage(key: SchemaMessageKey, values?: { count: number }): string {
  return render(translatorFor('en'), key, values?.count);
}

/**
 * A schema's message in the reader's language: `count` is the bound (its minimum, maximum or expected
 * value). Null when the message is not one of the rules (zod's own, or a library's).
 */
export function translateSchemaMessage(message: string, count: number | undefined, t: Translate): string | null {
  const english = translatorFor('en');
  for (const key of SCHEMA_MESSAGE_KEYS) {
    if (render(english, key, count) === message) return render(t, key, count);
  }
  return null;
}
