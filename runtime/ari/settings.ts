// Where the ARI adapter connects, read from the environment. Without ARI_URL there is no Asterisk to drive and the
// caller (npm start) runs the web app alone, so that case is `null`, not an error. A half-filled configuration is an
// error: it is a typo someone wants to hear about, not a reason to silently run without calls.

export interface AriSettings {
  /** Base URL of Asterisk's HTTP server, e.g. http://127.0.0.1:8088 (no /ari suffix). */
  url: string;
  username: string;
  password: string;
  /** The Stasis application name the dialplan sends calls to. */
  app: string;
}

export const DEFAULT_ARI_APP = 'switchboard';

export function ariSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AriSettings | null {
  const rawUrl = env.ARI_URL?.trim();
  if (!rawUrl) return null;
  const username = env.ARI_USER?.trim();
  const password = env.ARI_PASS;
  if (!username) throw new Error('ARI_URL is set but ARI_USER is empty: set the ARI user name from ari.conf');
  if (password === undefined || password === '') {
    throw new Error(`ARI_URL is set but ARI_PASS is empty: set the password of ARI user "${username}"`);
  }
  return { url: normaliseAriUrl(rawUrl, 'ARI_URL'), username, password, app: env.ARI_APP?.trim() || DEFAULT_ARI_APP };
}

/** Accepts "http://host:8088", "http://host:8088/" or "http://host:8088/ari" and returns "http://host:8088". */
export function normaliseAriUrl(raw: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`${where} is not a valid URL: "${raw}" (expected e.g. http://127.0.0.1:8088)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${where} must start with http:// or https://, got "${raw}"`);
  }
  if (parsed.username || parsed.password) {
    throw new Error(`${where} must not carry credentials ("${parsed.origin}"): use ARI_USER and ARI_PASS`);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/ari') {
    throw new Error(
      `${where} must be the Asterisk HTTP server's base URL, without a path; got path "${parsed.pathname}"`,
    );
  }
  return parsed.origin;
}
