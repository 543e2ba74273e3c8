import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount, createStaffSession, getStaffAccount } from '#db/auth.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import type { SwitchboardServices } from '#server/services.ts';
import { SESSION_COOKIE } from '../auth.server.ts';
import { saveLanguageSetting } from '../routes/settings.server.ts';
import { requestLanguage, requestTranslator } from './language.server.ts';

let temp: TempDatabase;
let context: { services: SwitchboardServices };
beforeEach(() => {
  temp = openTempDatabase();
  context = { services: { db: temp.db } as SwitchboardServices };
});
afterEach(() => temp.dispose());

async function signedIn() {
  const account = await createStaffAccount(temp.db, {
    username: 'odile',
    password: 'long enough password',
    role: 'editor',
  });
  const session = createStaffSession(temp.db, account.id);
  return { account, cookie: `${SESSION_COOKIE}=${session.id}` };
}

const request = (headers: Record<string, string>) => new Request('http://switchboard.test/', { headers });

describe('the language of a request', () => {
  it('is French for a visitor whose browser says nothing, or asks only for languages we do not speak', () => {
    expect(requestLanguage(request({}), context)).toBe('fr');
    expect(requestLanguage(request({ 'accept-language': 'de-DE,es;q=0.8' }), context)).toBe('fr');
  });

  it("follows the browser's Accept-Language when the person has not chosen", async () => {
    const { cookie } = await signedIn();
    expect(requestLanguage(request({ cookie, 'accept-language': 'en-GB,en;q=0.9' }), context)).toBe('en');
  });

  it("takes the account's choice over the browser's, and follows the browser again once it is cleared", async () => {
    const { account, cookie } = await signedIn();
    expect(saveLanguageSetting(temp.db, account.id, 'fr')).toEqual({ ok: true });
    expect(getStaffAccount(temp.db, account.id)?.language).toBe('fr');
    const english = request({ cookie, 'accept-language': 'en-US' });
    expect(requestLanguage(english, context)).toBe('fr');
    expect(requestTranslator(english, context)('layout:nav.flows')).toBe('Parcours');

    expect(saveLanguageSetting(temp.db, account.id, '')).toEqual({ ok: true });
    expect(requestLanguage(english, context)).toBe('en');
  });

  it('refuses a language the interface does not speak, keeping the saved choice', async () => {
    const { account } = await signedIn();
    saveLanguageSetting(temp.db, account.id, 'en');
    expect(saveLanguageSetting(temp.db, account.id, 'de')).toEqual({ ok: false, error: 'settings.invalidLanguage' });
    expect(saveLanguageSetting(temp.db, account.id, null)).toEqual({ ok: false, error: 'settings.invalidLanguage' });
    expect(getStaffAccount(temp.db, account.id)?.language).toBe('en');
  });
});
