import { describe, expect, it } from 'vitest';
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import { createAriSipAccountProvisioner } from './pjsip-provisioning.ts';

const settings = { url: 'http://127.0.0.1:8088', username: 'asterisk', password: 'secret', app: 'switchboard' };
const carol: SipAccount = { username: 'carol', extension: '6010', displayName: 'Carol', md5Cred: 'ab'.repeat(16) };

interface Seen {
  method: string;
  path: string;
  body: { fields: { attribute: string; value: string }[] } | null;
  authorization: string | null;
}

/** ARI in miniature: answers each request with what `reply` says and remembers what it was asked. */
function fakeAri(reply: (method: string, path: string) => { status: number; body?: unknown }) {
  const seen: Seen[] = [];
  const fetchFake: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/ari/, '');
    const headers = new Headers(init?.headers);
    seen.push({
      method,
      path,
      body: init?.body ? JSON.parse(String(init.body)) : null,
      authorization: headers.get('Authorization'),
    });
    const { status, body } = reply(method, path);
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { seen, provisioner: createAriSipAccountProvisioner(settings, { fetch: fetchFake }) };
}

const fieldsOf = (seen: Seen) => Object.fromEntries(seen.body!.fields.map((field) => [field.attribute, field.value]));

describe('ARI SIP account provisioning', () => {
  it('pushes auth, aor, then the endpoint, each with every attribute (a PUT replaces the object)', async () => {
    const { seen, provisioner } = fakeAri(() => ({ status: 200, body: [] }));
    expect(await provisioner.applyAccount(carol)).toEqual({ kind: 'applied' });
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PUT /asterisk/config/dynamic/res_pjsip/auth/carol',
      'PUT /asterisk/config/dynamic/res_pjsip/aor/carol',
      'PUT /asterisk/config/dynamic/res_pjsip/endpoint/carol',
    ]);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from('asterisk:secret').toString('base64')}`);
    expect(fieldsOf(seen[0]!)).toEqual({
      auth_type: 'md5',
      realm: 'asterisk',
      username: 'carol',
      md5_cred: 'ab'.repeat(16),
    });
    expect(fieldsOf(seen[1]!)).toEqual({ max_contacts: '5', remove_existing: 'yes' });
    expect(fieldsOf(seen[2]!)).toMatchObject({
      context: 'from-internal',
      allow: 'ulaw,alaw',
      callerid: '"Carol" <6010>',
      media_encryption: 'sdes',
      media_encryption_optimistic: 'yes',
      accountcode: 'switchboard',
      auth: 'carol',
      aors: 'carol',
    });
  });

  it('recognises an account of pjsip.conf (read-only over ARI) and whether it says the same', async () => {
    const conf = (md5: string) =>
      fakeAri((method, path) => {
        if (method === 'PUT') return { status: 403, body: { message: "Cannot update sorcery objects of type 'auth'" } };
        if (path.endsWith('/auth/carol'))
          return {
            status: 200,
            body: [
              { attribute: 'md5_cred', value: md5 },
              { attribute: 'username', value: 'carol' },
            ],
          };
        return { status: 200, body: [{ attribute: 'callerid', value: '"Carol" <6010>' }] };
      });
    expect(await conf('ab'.repeat(16)).provisioner.applyAccount(carol)).toEqual({
      kind: 'in-pjsip-conf',
      upToDate: true,
    });
    expect(await conf('cd'.repeat(16)).provisioner.applyAccount(carol)).toEqual({
      kind: 'in-pjsip-conf',
      upToDate: false,
    });
  });

  it("replaces only a browser device's auth when its credential changes (registrations and calls stay)", async () => {
    const carolWeb: SipAccount = { ...carol, username: 'carol~web', md5Cred: 'CD'.repeat(16), device: 'browser' };
    const { seen, provisioner } = fakeAri(() => ({ status: 200, body: [] }));
    expect(await provisioner.applyAuth(carolWeb)).toEqual({ kind: 'applied' });
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PUT /asterisk/config/dynamic/res_pjsip/auth/carol~web',
    ]);
    expect(fieldsOf(seen[0]!)).toEqual({
      auth_type: 'md5',
      realm: 'asterisk',
      username: 'carol~web',
      md5_cred: 'cd'.repeat(16),
    });
    // pjsip.conf (--static-people) holds it: read-only, up to date only when it already has this credential
    const inConf = (md5: string) =>
      fakeAri((method) =>
        method === 'PUT'
          ? { status: 403, body: { message: 'Cannot update sorcery objects' } }
          : { status: 200, body: [{ attribute: 'md5_cred', value: md5 }] },
      ).provisioner;
    expect(await inConf('cd'.repeat(16)).applyAuth(carolWeb)).toEqual({ kind: 'in-pjsip-conf', upToDate: true });
    expect(await inConf('00'.repeat(16)).applyAuth(carolWeb)).toEqual({ kind: 'in-pjsip-conf', upToDate: false });
    const refused = fakeAri(() => ({ status: 500, body: { message: 'boom' } }));
    expect(await refused.provisioner.applyAuth(carolWeb)).toEqual({
      kind: 'failed',
      message: 'PUT auth "carol~web" answered HTTP 500: boom',
    });
  });

  it('removes the endpoint first, then aor and auth; nothing to remove is "absent"', async () => {
    const present = fakeAri(() => ({ status: 204 }));
    expect(await present.provisioner.removeAccount('carol')).toEqual({ kind: 'applied' });
    expect(present.seen.map((request) => `${request.method} ${request.path.split('/').slice(-2).join('/')}`)).toEqual([
      'DELETE endpoint/carol',
      'DELETE aor/carol',
      'DELETE auth/carol',
    ]);
    const absent = fakeAri(() => ({ status: 404, body: { message: "Object with id 'carol' not found" } }));
    expect(await absent.provisioner.removeAccount('carol')).toEqual({ kind: 'absent' });
  });

  it('says what went wrong: an HTTP refusal, or an Asterisk that does not answer', async () => {
    const refused = fakeAri(() => ({ status: 403, body: { message: "Cannot create sorcery objects of type 'auth'" } }));
    expect(await refused.provisioner.applyAccount(carol)).toEqual({
      kind: 'failed',
      message: `PUT auth "carol" answered HTTP 403: Cannot create sorcery objects of type 'auth'`,
    });
    const down = createAriSipAccountProvisioner(settings, {
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
    });
    expect(await down.applyAccount(carol)).toEqual({
      kind: 'failed',
      message: "Asterisk's ARI at http://127.0.0.1:8088 could not be reached: ECONNREFUSED",
    });
  });

  it('lists the endpoints that carry the Switchboard marker', async () => {
    const { provisioner } = fakeAri((_method, path) => {
      if (path === '/endpoints/PJSIP')
        return { status: 200, body: [{ resource: 'carol' }, { resource: 'sipp' }, { resource: 'alice' }] };
      if (path.endsWith('/sipp')) return { status: 200, body: [{ attribute: 'context', value: 'from-sip' }] };
      const name = path.split('/').at(-1)!;
      return {
        status: 200,
        body: [
          { attribute: 'accountcode', value: 'switchboard' },
          { attribute: 'aors', value: name },
        ],
      };
    });
    expect(await provisioner.managedUsernames()).toEqual(['alice', 'carol']);
  });
});
