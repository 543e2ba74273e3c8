// The test call's "Variables" box: one `name=value` a line, read into the variables the call starts with. Names
// follow the flow language's rule (flows/nodes/shared.ts); the server checks them again.

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
const BUILT_IN = new Set(['caller_number', 'dialled_number']);

export type PresetVariables = { ok: true; variables: Record<string, string> } | { ok: false; error: string };

export function parsePresetVariables(text: string): PresetVariables {
  const variables: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `Line ${index + 1}`;
    const equals = line.indexOf('=');
    if (equals < 0) return { ok: false, error: `${where}: write name=value (for example client_vip=oui)` };
    const name = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (!NAME.test(name)) {
      return {
        ok: false,
        error: `${where}: "${name}" is not a variable name (letters, digits and _, starting with a letter or _, 40 at most)`,
      };
    }
    if (BUILT_IN.has(name)) {
      return {
        ok: false,
        error: `${where}: ${name} is set by the call itself${name === 'caller_number' ? ' (use the caller number box)' : ''}`,
      };
    }
    if (name in variables) return { ok: false, error: `${where}: ${name} is set twice` };
    variables[name] = value;
  }
  return { ok: true, variables };
}
