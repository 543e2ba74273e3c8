import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { createProvisioningLink, revokeProvisioningLink } from '#db/provisioning-links.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createUser, sipMd5Cred, type UserRecord } from '#db/users.ts';
import { translatorFor } from '#i18n/translator.ts';
import { lpconfigValue, parseLpconfig } from '#provisioning/mobile/testing/parse-lpconfig.ts';
import { answerProvisioningRequest } from './provision.server.ts';

let temp: TempDatabase;
let bob: UserRecord;
let adminId: string;
const T0 = Date.UTC(2026, 11, 6, 10, 0);
const t = translatorFor('en');

beforeEach(async () => {
  temp = openTempDatabase();
  bob = await createUser(temp.db, {
    username: 'bob',
    extension: '6002',
    displayName: 'Bob & "Bobby" <Martin>',
    sipPassword: 'Ciel-Gris-93',
    voicemailPin: '5172',
  });
  adminId = (await createStaffAccount(temp.db, { username: 'ada', password: 'ada administers all', role: 'admin' })).id;
});
afterEach(() => temp.dispose());

function link(now = T0) {
  return createProvisioningLink(temp.db, { personId: bob.id, createdBy: adminId, lifetimeMs: 30 * 60_000, now });
}

function fetchLink(
  token: string,
  options: { env?: NodeJS.ProcessEnv; now?: number; method?: string; host?: string } = {},
) {
  return answerProvisioningRequest({
    db: temp.db,
    request: new Request(`https://${options.host ?? 'switchboard.example.org'}/provision/${token}`, {
      method: options.method ?? 'GET',
    }),
    token,
    t,
    env: options.env ?? {},
    now: options.now ?? T0 + 60_000,
  });
}

describe('GET /provision/:token', () => {
  it('answers the Linphone configuration once, uncached, then 410 Gone', async () => {
    const { token } = link();
    const first = fetchLink(token);
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    const config = parseLpconfig(await first.text());
    expect(lpconfigValue(config, 'auth_info_0', 'username')).toBe('bob');
    expect(lpconfigValue(config, 'auth_info_0', 'ha1')).toBe(sipMd5Cred('bob', 'Ciel-Gris-93'));
    expect(lpconfigValue(config, 'proxy_0', 'reg_identity')).toBe(
      '"Bob & \\"Bobby\\" <Martin>" <sip:bob@switchboard.example.org>',
    );
    // Without SIP_PUBLIC_HOST, the phone registers where the administrator reached Switchboard, on TLS 5061.
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toBe('sip:switchboard.example.org:5061;transport=tls');

    const second = fetchLink(token, { now: T0 + 61_000 });
    expect(second.status).toBe(410);
    expect(second.headers.get('Cache-Control')).toBe('no-store');
    expect(second.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(await second.text()).toBe('This set-up link can no longer be used: ask your administrator for a new one.\n');
  });

  it('uses SIP_PUBLIC_HOST and SIP_TLS_PORT when they are set', async () => {
    const { token } = link();
    const answer = fetchLink(token, { env: { SIP_PUBLIC_HOST: 'pbx.example.org', SIP_TLS_PORT: '5161' } });
    const config = parseLpconfig(await answer.text());
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toBe('sip:pbx.example.org:5161;transport=tls');
    expect(lpconfigValue(config, 'auth_info_0', 'domain')).toBe('pbx.example.org');
  });

  it('says the same 410 for a revoked link and an expired one', async () => {
    const revoked = link();
    revokeProvisioningLink(temp.db, { linkId: revoked.link.id, personId: bob.id, now: T0 + 1 });
    const expired = link(T0 - 31 * 60_000);
    const answers = [fetchLink(revoked.token), fetchLink(expired.token)];
    expect(answers.map((answer) => answer.status)).toEqual([410, 410]);
    const texts = await Promise.all(answers.map((answer) => answer.text()));
    expect(texts[0]).toBe(texts[1]);
  });

  it('answers 404 to a token nobody made, well-formed or not', async () => {
    link();
    for (const token of ['A'.repeat(43), 'short', `${'A'.repeat(43)}x`, '../../etc/passwd']) {
      const answer = fetchLink(token);
      expect(answer.status).toBe(404);
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      expect(await answer.text()).toBe('No such set-up link.\n');
    }
  });

  it('never spends a link on a HEAD request (a link checker, a chat preview)', () => {
    const { token } = link();
    const head = fetchLink(token, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('Allow')).toBe('GET');
    expect(fetchLink(token).status).toBe(200);
  });

  it('keeps the link when TLS is off: the phone could not register with what it would get', () => {
    const { token } = link();
    expect(fetchLink(token, { env: { SIP_TLS_PORT: '0' } }).status).toBe(503);
    expect(fetchLink(token).status).toBe(200);
  });

  it('writes an IPv6 request host between brackets', async () => {
    const { token } = link();
    const config = parseLpconfig(await fetchLink(token, { host: '[2001:db8::7]:3000' }).text());
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toBe('sip:[2001:db8::7]:5061;transport=tls');
  });

  it('answers in French to a French phone', async () => {
    const answer = answerProvisioningRequest({
      db: temp.db,
      request: new Request('https://switchboard.example.org/provision/x'),
      token: 'x',
      t: translatorFor('fr'),
      env: {},
    });
    expect(await answer.text()).toBe("Ce lien de configuration n'existe pas.\n");
  });
});
