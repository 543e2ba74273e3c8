// The few cookies Switchboard sets, written by hand: two names, one set of attributes, nothing to sign (the values
// are random secrets looked up on the server, not data to trust).

/** The session cookie: the id of a row of staff_sessions (db/auth.ts). */
export const SESSION_COOKIE = 'sb_session';

export function readCookie(request: Request, name: string): string | null {
  return readCookieHeader(request.headers.get('Cookie'), name);
}

/** readCookie for code that has only the Cookie header (the SIP WebSocket proxy's upgrade requests). */
export function readCookieHeader(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Secure when the page itself came over https, or when COOKIE_SECURE=1 says a TLS proxy sits in front (the app then
 * sees plain http and cannot tell).
 */
export function cookieIsSecure(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || process.env.COOKIE_SECURE === '1';
}

export interface CookieOptions {
  /** Seconds; omitted = a browser-session cookie; 0 = delete. */
  maxAge?: number;
}

/** HttpOnly (scripts never read it), SameSite=Lax (not sent with cross-site POSTs), Path=/. */
export function serializeCookie(request: Request, name: string, value: string, options: CookieOptions = {}): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) attributes.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (cookieIsSecure(request)) attributes.push('Secure');
  return attributes.join('; ');
}
