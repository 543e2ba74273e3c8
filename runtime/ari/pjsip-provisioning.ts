// Live SIP accounts: a person added, changed or removed in Switchboard reaches the running Asterisk through ARI push
// configuration (PUT/DELETE /ari/asterisk/config/dynamic/res_pjsip/{auth|aor|endpoint}/{id}), without a restart.
// Needs the writable sorcery wizards of the generated sorcery.conf (endpoints in memory, auths and AORs in astdb). Plain HTTP (fetch): the objects are small and this
// must work even while the call runtime's ARI connection is reconnecting.
//
// Measured on Asterisk 22.10 (the sandbox):
// - PUT on an existing object REPLACES it (attributes not sent fall back to defaults), so every attribute is sent.
// - An endpoint pushed without `allow` fails its own apply ("allow=(nothing)") and then cannot be read back: the
//   defaults of pjsip-account.ts always include it.
// - Objects defined in pjsip.conf are read-only over ARI: PUT answers 403 "Cannot update sorcery objects", DELETE 403
//   "Could not delete object". Those accounts change when pjsip.conf is regenerated and reloaded.
// - set_var does not survive the astdb wizard (GET shows it empty), hence the accountcode marker.
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import {
  MANAGED_ACCOUNT_CODE,
  pjsipAccountObjects,
  type PjsipAttributes,
} from '#provisioning/asterisk/pjsip-account.ts';
import { basicAuthorization } from './ari-http-client.ts';
import type { AriSettings } from './settings.ts';

/** What happened to one account in Asterisk. */
export type AccountProvisioning =
  | { kind: 'applied' }
  /** Removal of an account Asterisk did not have: nothing to do. */
  | { kind: 'absent' }
  /**
   * pjsip.conf defines this account, and ARI cannot change such objects. `upToDate` tells whether pjsip.conf already
   * says what the directory says (true after `switchboard asterisk config` + reload; never true for a removal).
   */
  | { kind: 'in-pjsip-conf'; upToDate: boolean }
  | { kind: 'failed'; message: string };

/** The app's view of live provisioning; ARI is one implementation, tests use a recording fake. */
export interface SipAccountProvisioner {
  /** Creates the account or replaces it entirely (auth, aor, then the endpoint that names them). */
  applyAccount(account: SipAccount): Promise<AccountProvisioning>;
  /**
   * Replaces only the auth of the account (its credentials): what changes when a browser device gets a new password.
   * Registrations and calls of the endpoint stay; the next REGISTER is checked against the new credential.
   */
  applyAuth(account: SipAccount): Promise<AccountProvisioning>;
  /** Removes the endpoint, aor and auth of this user name. */
  removeAccount(username: string): Promise<AccountProvisioning>;
  /** User names of the endpoints Asterisk has that carry Switchboard's marker (pushed or from pjsip.conf). */
  managedUsernames(): Promise<string[]>;
}

type ObjectType = 'auth' | 'aor' | 'endpoint';

interface AriReply {
  status: number;
  body: string;
}

export interface AriProvisionerOptions {
  /** Per-request limit; ARI answers these in a few milliseconds when healthy. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createAriSipAccountProvisioner(
  settings: AriSettings,
  options: AriProvisionerOptions = {},
): SipAccountProvisioner {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const doFetch = options.fetch ?? fetch;
  const authorization = basicAuthorization(settings.username, settings.password);

  async function request(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<AriReply> {
    const response = await doFetch(`${settings.url}/ari${path}`, {
      method,
      headers: {
        Authorization: authorization,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  }

  const objectPath = (type: ObjectType, id: string) =>
    `/asterisk/config/dynamic/res_pjsip/${type}/${encodeURIComponent(id)}`;

  function describe(method: string, type: ObjectType, id: string, reply: AriReply): string {
    return `${method} ${type} "${id}" answered HTTP ${reply.status}: ${messageOf(reply.body)}`;
  }

  async function readObject(type: ObjectType, id: string): Promise<Map<string, string> | null> {
    const reply = await request('GET', objectPath(type, id));
    if (reply.status === 404) return null;
    if (reply.status !== 200) throw new Error(describe('GET', type, id, reply));
    const fields = JSON.parse(reply.body) as { attribute: string; value: string }[];
    return new Map(fields.map((field) => [field.attribute, field.value]));
  }

  /** Does pjsip.conf's version of the account already carry the directory's credentials and caller id? */
  async function configMatches(account: SipAccount, wanted: ReturnType<typeof pjsipAccountObjects>): Promise<boolean> {
    const auth = await readObject('auth', account.username);
    const endpoint = await readObject('endpoint', account.username);
    const want = (attributes: PjsipAttributes, name: string) =>
      attributes.find(([attribute]) => attribute === name)?.[1];
    return (
      auth?.get('md5_cred') === want(wanted.auth, 'md5_cred') &&
      auth?.get('username') === account.username &&
      endpoint?.get('callerid') === want(wanted.endpoint, 'callerid')
    );
  }

  return {
    async applyAccount(account) {
      const objects = pjsipAccountObjects(account);
      try {
        for (const type of ['auth', 'aor', 'endpoint'] as const) {
          const fields = objects[type].map(([attribute, value]) => ({ attribute, value }));
          const reply = await request('PUT', objectPath(type, account.username), { fields });
          if (reply.status === 403 && /cannot update/i.test(reply.body)) {
            return { kind: 'in-pjsip-conf', upToDate: await configMatches(account, objects) };
          }
          if (reply.status !== 200) return { kind: 'failed', message: describe('PUT', type, account.username, reply) };
        }
        return { kind: 'applied' };
      } catch (error) {
        return { kind: 'failed', message: unreachable(settings, error) };
      }
    },

    async applyAuth(account) {
      const fields = pjsipAccountObjects(account).auth.map(([attribute, value]) => ({ attribute, value }));
      try {
        const reply = await request('PUT', objectPath('auth', account.username), { fields });
        if (reply.status === 403 && /cannot update/i.test(reply.body)) {
          const auth = await readObject('auth', account.username);
          return { kind: 'in-pjsip-conf', upToDate: auth?.get('md5_cred') === account.md5Cred.toLowerCase() };
        }
        if (reply.status !== 200) return { kind: 'failed', message: describe('PUT', 'auth', account.username, reply) };
        return { kind: 'applied' };
      } catch (error) {
        return { kind: 'failed', message: unreachable(settings, error) };
      }
    },

    async removeAccount(username) {
      let removed = 0;
      try {
        // The endpoint first: it names the aor and auth, and without it no call or registration can match.
        for (const type of ['endpoint', 'aor', 'auth'] as const) {
          const reply = await request('DELETE', objectPath(type, username));
          if (reply.status === 404) continue;
          if (reply.status === 403) return { kind: 'in-pjsip-conf', upToDate: false };
          if (reply.status !== 204 && reply.status !== 200)
            return { kind: 'failed', message: describe('DELETE', type, username, reply) };
          removed += 1;
        }
        return removed > 0 ? { kind: 'applied' } : { kind: 'absent' };
      } catch (error) {
        return { kind: 'failed', message: unreachable(settings, error) };
      }
    },

    async managedUsernames() {
      const reply = await request('GET', '/endpoints/PJSIP');
      if (reply.status !== 200)
        throw new Error(`GET /endpoints/PJSIP answered HTTP ${reply.status}: ${messageOf(reply.body)}`);
      const endpoints = JSON.parse(reply.body) as { resource: string }[];
      const managed: string[] = [];
      for (const { resource } of endpoints) {
        const endpoint = await readObject('endpoint', resource);
        if (endpoint?.get('accountcode') === MANAGED_ACCOUNT_CODE) managed.push(resource);
      }
      return managed.sort();
    },
  };
}

/** ARI error bodies are {"message": "..."}; anything else is shown as it came. */
function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200) || '(empty body)';
}

function unreachable(settings: AriSettings, error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  const what = error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : (cause ?? String(error));
  return `Asterisk's ARI at ${settings.url} could not be reached: ${what}`;
}
