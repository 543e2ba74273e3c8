import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { consumeProvisioningLink, listOutstandingProvisioningLinks } from '#db/provisioning-links.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createUser, type UserRecord } from '#db/users.ts';
import { translatorFor } from '#i18n/translator.ts';
import { changeMobileLinks, loadMobileSetup, type MobileActionResult } from './people-mobile.server.ts';

let temp: TempDatabase;
let bob: UserRecord;
let adminId: string;
const T0 = Date.UTC(2026, 11, 6, 10, 0);

beforeEach(async () => {
  temp = openTempDatabase();
  bob = await createUser(temp.db, {
    username: 'bob',
    extension: '6002',
    displayName: 'Bob Martin',
    sipPassword: 'Ciel-Gris-93',
    voicemailPin: '5172',
  });
  adminId = (await createStaffAccount(temp.db, { username: 'ada', password: 'ada administers all', role: 'admin' })).id;
});
afterEach(() => temp.dispose());

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

async function act(
  fields: Record<string, string>,
  options: { env?: NodeJS.ProcessEnv; now?: number; origin?: string; language?: 'fr' | 'en' } = {},
) {
  const result = await changeMobileLinks({
    db: temp.db,
    accountId: adminId,
    form: form(fields),
    t: translatorFor(options.language ?? 'en'),
    origin: options.origin ?? 'https://switchboard.example.org',
    env: options.env ?? {},
    now: options.now ?? T0,
  });
  return { status: result.init?.status ?? 200, body: (result.data as MobileActionResult).mobile };
}

describe('the People page’s "Set up a mobile phone"', () => {
  it('makes a one-time link and renders its QR code as an SVG image', async () => {
    const { status, body } = await act({ intent: 'mobile-link-create', personId: bob.id });
    expect(status).toBe(200);
    if (!('created' in body)) throw new Error('no link was made');
    expect(body.done).toBe('Set-up link made for Bob Martin.');
    expect(body.created.url).toMatch(/^https:\/\/switchboard\.example\.org\/provision\/[A-Za-z0-9_-]{43}$/);
    expect(body.created).toMatchObject({ expiresAt: T0 + 30 * 60_000, minutes: 30, plainHttp: false });

    expect(body.created.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(body.created.qrCode.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
    // The very QR code of the link's address (error correction M, quiet zone of 4).
    expect(svg).toBe(await QRCode.toString(body.created.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));

    // The token in the address is the link's: a phone fetching it gets bob's account.
    const token = body.created.url.split('/').pop()!;
    expect(consumeProvisioningLink(temp.db, token, T0 + 1)).toMatchObject({
      kind: 'valid',
      person: { username: 'bob' },
    });
  });

  it('lists the person’s outstanding links, then revokes one', async () => {
    const made = await act({ intent: 'mobile-link-create', personId: bob.id });
    if (!('created' in made.body)) throw new Error('no link was made');
    const setup = loadMobileSetup(temp.db, bob.id, {}, T0 + 1)!;
    expect(setup).toMatchObject({
      person: { id: bob.id, username: 'bob', displayName: 'Bob Martin' },
      tlsAvailable: true,
      linkMinutes: 30,
      links: [{ id: made.body.created.linkId, createdByUsername: 'ada', expiresAt: T0 + 30 * 60_000 }],
    });
    expect(JSON.stringify(setup)).not.toContain(made.body.created.url.split('/').pop());

    const revoked = await act(
      { intent: 'mobile-link-revoke', personId: bob.id, linkId: made.body.created.linkId },
      { now: T0 + 2 },
    );
    expect(revoked).toEqual({
      status: 200,
      body: { intent: 'mobile-link-revoke', personId: bob.id, done: 'Link revoked: it will not set up any phone.' },
    });
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + 3)).toEqual([]);

    const again = await act(
      { intent: 'mobile-link-revoke', personId: bob.id, linkId: made.body.created.linkId },
      { now: T0 + 4, language: 'fr' },
    );
    expect(again).toMatchObject({
      status: 409,
      body: { error: "Ce lien n'est plus en cours : il a déjà été utilisé, révoqué, ou il a expiré." },
    });
  });

  it('follows PROVISIONING_LINK_MINUTES and warns about plain HTTP beyond this machine', async () => {
    const { body } = await act(
      { intent: 'mobile-link-create', personId: bob.id },
      { env: { PROVISIONING_LINK_MINUTES: '5' }, origin: 'http://192.0.2.10:3000' },
    );
    expect(body).toMatchObject({ created: { expiresAt: T0 + 5 * 60_000, minutes: 5, plainHttp: true } });
    const local = await act({ intent: 'mobile-link-create', personId: bob.id }, { origin: 'http://127.0.0.1:3000' });
    expect(local.body).toMatchObject({ created: { plainHttp: false } });
  });

  it('refuses to make a link when Asterisk has no TLS transport, or for someone removed', async () => {
    expect(await act({ intent: 'mobile-link-create', personId: bob.id }, { env: { SIP_TLS_PORT: '0' } })).toMatchObject(
      { status: 409, body: { error: expect.stringContaining('SIP_TLS_PORT=0') } },
    );
    expect(await act({ intent: 'mobile-link-create', personId: 'usr_gone' })).toMatchObject({
      status: 404,
      body: { error: 'That person no longer exists: someone removed them meanwhile.' },
    });
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0)).toEqual([]);
    expect(loadMobileSetup(temp.db, 'usr_gone', {})).toBeNull();
    expect(loadMobileSetup(temp.db, bob.id, { SIP_TLS_PORT: '0' })?.tlsAvailable).toBe(false);
  });
});
