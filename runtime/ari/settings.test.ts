import { describe, expect, it } from 'vitest';
import { ariSettingsFromEnv, normaliseAriUrl } from './settings.ts';

describe('ariSettingsFromEnv', () => {
  it('is null when ARI_URL is not set: the app then runs without a runtime', () => {
    expect(ariSettingsFromEnv({})).toBeNull();
    expect(ariSettingsFromEnv({ ARI_URL: '  ' })).toBeNull();
  });

  it('reads all four variables and defaults the app name to "switchboard"', () => {
    expect(ariSettingsFromEnv({ ARI_URL: 'http://127.0.0.1:8088/', ARI_USER: 'asterisk', ARI_PASS: 'secret' })).toEqual(
      {
        url: 'http://127.0.0.1:8088',
        username: 'asterisk',
        password: 'secret',
        app: 'switchboard',
      },
    );
    expect(ariSettingsFromEnv({ ARI_URL: 'http://h:8088', ARI_USER: 'u', ARI_PASS: 'p', ARI_APP: 'ivr' })?.app).toBe(
      'ivr',
    );
  });

  it('names the missing variable when the configuration is half filled', () => {
    expect(() => ariSettingsFromEnv({ ARI_URL: 'http://h:8088' })).toThrow(/ARI_USER/);
    expect(() => ariSettingsFromEnv({ ARI_URL: 'http://h:8088', ARI_USER: 'u' })).toThrow(/ARI_PASS.*"u"/);
  });
});

describe('normaliseAriUrl', () => {
  it('accepts the base URL with or without /ari and returns the origin', () => {
    expect(normaliseAriUrl('http://127.0.0.1:8088/ari', 'X')).toBe('http://127.0.0.1:8088');
    expect(normaliseAriUrl('https://pbx.example:8089', 'X')).toBe('https://pbx.example:8089');
  });

  it('rejects what is not an ARI base URL, saying where the value came from', () => {
    expect(() => normaliseAriUrl('ws://127.0.0.1:8088', 'ARI_URL')).toThrow(/ARI_URL must start with http/);
    expect(() => normaliseAriUrl('not a url', 'ARI_URL')).toThrow(/ARI_URL is not a valid URL/);
    expect(() => normaliseAriUrl('http://u:p@h:8088', 'ARI_URL')).toThrow(/credentials/);
    expect(() => normaliseAriUrl('http://h:8088/ari/asterisk', 'ARI_URL')).toThrow(/without a path/);
  });
});
