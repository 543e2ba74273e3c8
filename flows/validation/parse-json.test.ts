import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError, MAX_JSON_DEPTH, parseJsonWithLocation } from './parse-json.ts';

function errorOf(text: string) {
  const result = parseJsonWithLocation(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe('parseJsonWithLocation', () => {
  it('returns the value of valid JSON, with or without a byte order mark', () => {
    expect(parseJsonWithLocation('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, true, null, 'xé'] },
    });
    expect(parseJsonWithLocation('\ufeff[]')).toEqual({ ok: true, value: [] });
  });

  it('points at a missing comma between two fields', () => {
    expect(errorOf('{\n  "name": "x"\n  "format": 1\n}')).toEqual({
      line: 3,
      column: 3,
      offset: 18,
      message: 'A "," or "}" was expected, but found a double quote.',
    });
  });

  it('points at a trailing comma', () => {
    expect(errorOf('{\n  "numbers": ["6003",]\n}')).toMatchObject({
      line: 2,
      column: 21,
      message: expect.stringContaining('remove the comma'),
    });
  });

  it('explains single quotes, bare words and unquoted keys', () => {
    expect(errorOf("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: expect.stringContaining('field name') });
    expect(errorOf("[1, 'a']")).toMatchObject({ column: 5, message: expect.stringContaining('double quotes') });
    expect(errorOf('{"a": yes}')).toMatchObject({ column: 7, message: 'A value was expected here, but found "y".' });
  });

  it('says where an unclosed text or object begins and ends', () => {
    expect(errorOf('{"name": "Accueil\n}')).toMatchObject({
      line: 1,
      column: 18,
      message: 'The text that starts at line 1, column 10 is not closed by a quote before this line break.',
    });
    expect(errorOf('{"nodes": [\n  {"id": "a"}\n')).toMatchObject({
      line: 3,
      column: 1,
      message: 'The file ends before this list is closed with "]".',
    });
  });

  it('reports text after the end and an empty file', () => {
    expect(errorOf('{} {}')).toMatchObject({ column: 4, message: expect.stringContaining('should end here') });
    expect(errorOf('')).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('the end of the file') });
  });

  it('locates errors in deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000);
    expect(locateJsonSyntaxError(deep)).toMatchObject({ message: expect.stringContaining('the end of the file') });
  });

  it('refuses lists and objects nested deeper than MAX_JSON_DEPTH, pointing at the first level too many', () => {
    const deep = `{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(errorOf(deep)).toEqual({
      line: 1,
      column: 6 + MAX_JSON_DEPTH,
      offset: 5 + MAX_JSON_DEPTH,
      message: `Lists and objects are nested more than ${MAX_JSON_DEPTH} levels deep here; a flow needs far fewer, so this is refused.`,
    });
    // Brackets inside text do not count; exactly the limit is fine.
    const atLimit = `${'['.repeat(MAX_JSON_DEPTH - 1)}"[[[[\\"[[["${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(parseJsonWithLocation(atLimit).ok).toBe(true);
  });

  it("says why in the reader's language, at the same line and column", () => {
    const text = '{\n  "name": \'x\',\n}';
    const english = parseJsonWithLocation(text, 'en');
    const french = parseJsonWithLocation(text, 'fr');
    if (english.ok || french.ok) throw new Error('expected both to fail');
    expect(english.error.message).toBe('JSON text is written between double quotes ("), not single quotes.');
    expect(french.error.message).toBe(
      'En JSON, le texte s\'écrit entre guillemets doubles ("), pas entre apostrophes.',
    );
    expect({ ...french.error, message: '' }).toEqual({ ...english.error, message: '' });
    expect(locateJsonSyntaxError('[1, 2', 'fr')?.message).toBe(
      'Le fichier se termine avant que cette liste soit fermée par « ] ».',
    );
  });
});
