import { describe, expect, it } from 'vitest';
import { chooseUiLanguage, languageFromAcceptLanguage, uiLanguageOf } from './languages.ts';

describe('choosing the interface language', () => {
  it('takes the account setting first', () => {
    expect(chooseUiLanguage('en', 'fr-FR,fr;q=0.9')).toBe('en');
  });

  it('then the best language of Accept-Language that the interface speaks', () => {
    expect(chooseUiLanguage(null, 'de-DE,de;q=0.9,en;q=0.8,fr;q=0.7')).toBe('en');
    expect(chooseUiLanguage(null, 'fr;q=0.5, en-GB;q=0.9')).toBe('en');
    expect(chooseUiLanguage(undefined, 'en-US')).toBe('en');
  });

  it('falls back to French', () => {
    expect(chooseUiLanguage(null, null)).toBe('fr');
    expect(chooseUiLanguage('', 'de-DE,es;q=0.9')).toBe('fr');
    expect(chooseUiLanguage('klingon', '*')).toBe('fr');
  });

  it('skips languages refused with q=0, and reads an unreadable weight as the default 1', () => {
    expect(languageFromAcceptLanguage('en;q=0, fr;q=0.1')).toBe('fr');
    expect(languageFromAcceptLanguage('fr;q=0.5, en;q=abc')).toBe('en');
  });

  it('reads tags and POSIX locales', () => {
    expect(uiLanguageOf('fr_FR.UTF-8')).toBe('fr');
    expect(uiLanguageOf('EN-gb')).toBe('en');
    expect(uiLanguageOf('C')).toBeNull();
  });
});
