import { describe, expect, it } from 'vitest';
import { pickEspeakVoice } from './espeak-voices.ts';

// A slice of what espeak-ng-emscripten 0.3.5 reports from list_voices().
const voices = [
  {
    name: 'English (Great Britain)',
    identifier: 'gmw/en',
    languages: [
      { priority: 2, name: 'en-gb' },
      { priority: 2, name: 'en' },
    ],
  },
  {
    name: 'English (Scotland)',
    identifier: 'gmw/en-GB-scotland',
    languages: [
      { priority: 5, name: 'en-gb-scotland' },
      { priority: 4, name: 'en' },
    ],
  },
  {
    name: 'English (America)',
    identifier: 'gmw/en-US',
    languages: [
      { priority: 2, name: 'en-us' },
      { priority: 3, name: 'en' },
    ],
  },
  {
    name: 'French (Belgium)',
    identifier: 'roa/fr-BE',
    languages: [
      { priority: 5, name: 'fr-be' },
      { priority: 8, name: 'fr' },
    ],
  },
  {
    name: 'French (France)',
    identifier: 'roa/fr',
    languages: [
      { priority: 5, name: 'fr-fr' },
      { priority: 5, name: 'fr' },
    ],
  },
];

describe('pickEspeakVoice', () => {
  it('maps exact language tags, whatever their case', () => {
    expect(pickEspeakVoice(voices, 'fr-FR')).toBe('roa/fr');
    expect(pickEspeakVoice(voices, 'fr-BE')).toBe('roa/fr-BE');
    expect(pickEspeakVoice(voices, 'en-US')).toBe('gmw/en-US');
    expect(pickEspeakVoice(voices, 'en-gb')).toBe('gmw/en');
  });

  it('falls back to the bare language, preferring the lowest priority', () => {
    expect(pickEspeakVoice(voices, 'fr-CA')).toBe('roa/fr');
    expect(pickEspeakVoice(voices, 'en')).toBe('gmw/en');
  });

  it('refuses a language no voice speaks, naming it', () => {
    expect(() => pickEspeakVoice(voices, 'xx-YY')).toThrow(
      /cannot speak language "xx-YY": no voice for "xx-yy" or "xx"/,
    );
  });
});
