// JSON.parse says only "Unexpected token" and, depending on the Node version, maybe a character offset. People
// importing a hand-edited flow need the line and column and a hint, so when JSON.parse fails this small scanner
// walks the text again to find where and why it breaks. Iterative, so deep nesting cannot overflow the stack.
// The reason is said in the reader's language (English by default), from the diagnostics catalogue.
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';

export interface JsonSyntaxError {
  /** 1-based line and column (in UTF-16 units, as editors count them) of the first character at fault. */
  line: number;
  column: number;
  offset: number;
  /** A sentence saying what is wrong at that place. */
  message: string;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/**
 * How deep lists and objects may nest. A flow document needs about 8 levels; JSON.parse itself copes with far more,
 * but everything after it that walks the value (zod, JSON.stringify when storing) recurses and would overflow the
 * stack: such input is refused here, at the one place every JSON from outside goes through.
 */
export const MAX_JSON_DEPTH = 100;

export function parseJsonWithLocation(text: string, language: UiLanguage = 'en'): JsonParseResult {
  const t = translatorFor(language);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tooDeep = findExcessiveNesting(source, MAX_JSON_DEPTH);
  if (tooDeep !== null) {
    return {
      ok: false,
      error: {
        ...lineAndColumn(source, tooDeep),
        offset: tooDeep,
        message: t('diagnostics:json.tooDeep', { max: MAX_JSON_DEPTH }),
      },
    };
  }
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const found = locateJsonSyntaxError(source, language);
    const fallback = { offset: 0, message: t('diagnostics:json.unreadable', { reason: (error as Error).message }) };
    const { offset, message } = found ?? fallback;
    return { ok: false, error: { ...lineAndColumn(source, offset), offset, message } };
  }
}

/** The offset of the first `[` or `{` (outside strings) that opens level `maxDepth + 1`, or null. */
export function findExcessiveNesting(text: string, maxDepth: number): number | null {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // a backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return index;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return null;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeCharacter(character: string | undefined, t: Translate): string {
  if (character === undefined) return t('diagnostics:json.endOfFile');
  if (character === '\n' || character === '\r') return t('diagnostics:json.endOfLine');
  if (character === '"') return t('diagnostics:json.doubleQuote');
  return t('diagnostics:json.character', { character });
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

type Container = 'object' | 'list';

/** The offset and reason of the first syntax error, or null if the text is valid JSON. */
export function locateJsonSyntaxError(
  text: string,
  language: UiLanguage = 'en',
): { offset: number; message: string } | null {
  const t = translatorFor(language);
  const found = (character: string | undefined) => describeCharacter(character, t);
  let position = 0;
  const open: Container[] = [];
  const fail = (offset: number, message: string) => ({ offset, message });
  const skipWhitespace = () => {
    while (position < text.length && WHITESPACE.has(text[position]!)) position++;
  };

  /** Moves past a string starting at `position`; returns an error or null. */
  const scanString = (): { offset: number; message: string } | null => {
    const start = position;
    position++;
    while (position < text.length) {
      const character = text[position]!;
      if (character === '"') {
        position++;
        return null;
      }
      if (character === '\\') {
        const escaped = text[position + 1];
        if (escaped !== undefined && SIMPLE_ESCAPES.has(escaped)) position += 2;
        else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6))) position += 6;
        else return fail(position, t('diagnostics:json.badEscape'));
        continue;
      }
      if (character < ' ') {
        return fail(position, t('diagnostics:json.unclosedAtLineBreak', { where: where(start) }));
      }
      position++;
    }
    return fail(position, t('diagnostics:json.neverClosed', { where: where(start) }));
  };
  const where = (offset: number) => {
    const { line, column } = lineAndColumn(text, offset);
    return t('diagnostics:json.where', { line, column });
  };

  /** Reads `"name":` inside an object, leaving `position` before the value. */
  const scanKeyAndColon = (): { offset: number; message: string } | null => {
    skipWhitespace();
    if (text[position] !== '"') {
      return fail(position, t('diagnostics:json.fieldNameExpected', { found: found(text[position]) }));
    }
    const error = scanString();
    if (error) return error;
    skipWhitespace();
    if (text[position] !== ':') {
      return fail(position, t('diagnostics:json.colonExpected', { found: found(text[position]) }));
    }
    position++;
    return null;
  };

  /**
   * Reads one value at `position`: a scalar, an empty object or list, or the opening of a non-empty one (pushed on
   * `open`, then its first value is read by looping, not by recursion).
   */
  const scanValueStart = (): { offset: number; message: string } | null => {
    for (;;) {
      skipWhitespace();
      const character = text[position];
      if (character === '{' || character === '[') {
        position++;
        skipWhitespace();
        if (text[position] === (character === '{' ? '}' : ']')) {
          position++;
          return null;
        }
        open.push(character === '{' ? 'object' : 'list');
        if (character === '{') {
          const error = scanKeyAndColon();
          if (error) return error;
        }
        continue;
      }
      if (character === '"') return scanString();
      if (character === "'") return fail(position, t('diagnostics:json.singleQuotes'));
      if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) {
        NUMBER.lastIndex = position;
        const match = NUMBER.exec(text);
        if (!match) return fail(position, t('diagnostics:json.badNumber'));
        position += match[0].length;
        return null;
      }
      for (const literal of ['true', 'false', 'null']) {
        if (text.startsWith(literal, position)) {
          position += literal.length;
          return null;
        }
      }
      return fail(position, t('diagnostics:json.valueExpected', { found: found(character) }));
    }
  };

  let error = scanValueStart();
  while (!error) {
    skipWhitespace();
    const container = open.at(-1);
    const character = text[position];
    if (!container) {
      if (position < text.length) error = fail(position, t('diagnostics:json.shouldEnd', { found: found(character) }));
      break;
    }
    const closing = container === 'object' ? '}' : ']';
    if (character === closing) {
      open.pop();
      position++;
      continue;
    }
    if (character === ',') {
      const comma = position;
      position++;
      skipWhitespace();
      if (text[position] === closing) {
        error = fail(comma, t('diagnostics:json.trailingComma', { closing }));
        break;
      }
      error = (container === 'object' ? scanKeyAndColon() : null) ?? scanValueStart();
      continue;
    }
    error =
      character === undefined
        ? fail(
            position,
            t(container === 'object' ? 'diagnostics:json.objectUnclosed' : 'diagnostics:json.listUnclosed', {
              closing,
            }),
          )
        : fail(position, t('diagnostics:json.separatorExpected', { closing, found: found(character) }));
  }
  return error;
}
