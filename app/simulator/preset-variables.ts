// The test call's "Variables" box: one `name=value` a line, read into the variables the call starts with. Names
// follow the flow language's rule (flows/nodes/shared.ts); the server checks them again.

import type { Translate } from '#i18n/translator.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
const BUILT_IN = new Set(['caller_number', 'dialled_number']);

export type PresetVariables = { ok: true; variables: Record<string, string> } | { ok: false; error: string };

/** The variables typed, or the first mistake, said in the reader's language. */
export function parsePresetVariables(text: string, t: Translate): PresetVariables {
  const variables: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = { line: index + 1 };
    const equals = line.indexOf('=');
    if (equals < 0) return { ok: false, error: t('simulator:presetVariables.notNameValue', where) };
    const name = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (!NAME.test(name)) {
      return { ok: false, error: t('simulator:presetVariables.notAName', { ...where, name }) };
    }
    if (BUILT_IN.has(name)) {
      const key = name === 'caller_number' ? 'builtInCallerNumber' : 'builtIn';
      return { ok: false, error: t(`simulator:presetVariables.${key}`, { ...where, name }) };
    }
    if (name in variables) return { ok: false, error: t('simulator:presetVariables.twice', { ...where, name }) };
    variables[name] = value;
  }
  return { ok: true, variables };
}
