import { describe, expect, it } from 'vitest';
import { enCatalogue } from './catalogues/en/index.ts';
import { frCatalogue } from './catalogues/fr/index.ts';

type Tree = { readonly [key: string]: string | Tree };

/** "editor:toolbar.publish" -> its sentence, for every sentence of a catalogue. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const sentences = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}${prefix.includes(':') ? '.' : ':'}${key}` : key;
    if (typeof value === 'string') sentences.set(path, value);
    else for (const [inner, sentence] of flatten(value, path)) sentences.set(inner, sentence);
  }
  return sentences;
}

const placeholders = (sentence: string) => [...sentence.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]).sort();

const french = flatten(frCatalogue as Tree);
const english = flatten(enCatalogue as Tree);

describe('the French and English catalogues', () => {
  it('have exactly the same keys', () => {
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([]);
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('use the same placeholders in both languages, so no value is lost in translation', () => {
    const mismatched = [...french]
      .filter(([key, sentence]) => placeholders(sentence).join() !== placeholders(english.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('have no empty sentence', () => {
    const empty = [...french, ...english].filter(([, sentence]) => sentence.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('catch a key missing on one side', () => {
    const lopsided = flatten({ a: { b: 'x', c: 'y' } });
    const other = flatten({ a: { b: 'x' } });
    expect([...lopsided.keys()].filter((key) => !other.has(key))).toEqual(['a:c']);
  });
});
