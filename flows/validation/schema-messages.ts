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

/**
 * What a rule's sentence may name, each something zod's issue itself reports, so validation can fill it in again:
 * `count`, the bound (at least 5 s: the minimum, maximum or expected value), and `key`, the last segment of
 * the path (the record key at fault: a translation's language).
 */
export interface SchemaMessageValues {
  count?: number;
  key?: string;
}

function render(t: Translate, key: SchemaMessageKey, values: SchemaMessageValues): string {
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return String(t(`diagnostics:schema.${key}` as never, defined as never));
}

/** The English sentence of a rule, for a schema: `z.string().min(1, schemaMessage('promptEmpty'))`. */
export function schemaMessage(key: SchemaMessageKey, values: SchemaMessageValues = {}): string {
  return render(translatorFor('en'), key, values);
}

/**
 * A schema's message in the reader's language, given what the issue reports (see SchemaMessageValues). Null when
 * the message is not one of the rules (zod's own, or a library's).
 */
export function translateSchemaMessage(message: string, values: SchemaMessageValues, t: Translate): string | null {
  const english = translatorFor('en');
  for (const key of SCHEMA_MESSAGE_KEYS) {
    if (render(english, key, values) === message) return render(t, key, values);
  }
  return null;
}
