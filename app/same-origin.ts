// The browser's own word on where a request comes from. No dependencies, so the Express server applies it to every
// request as well as the actions (app/csrf.server.ts) that check it again with the CSRF token.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutation(request: { method: string }): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase());
}

/**
 * Why this request looks cross-site, or null when it does not. Judged from headers only, so the Express server can
 * apply it to every request too. A request with neither header (curl, very old browsers) passes this layer; the
 * token still has to match.
 */
export function crossSiteReason(
  method: string,
  headers: { get(name: string): string | null },
  requestUrl: string,
): string | null {
  if (!isMutation({ method })) return null;
  const fetchSite = headers.get('Sec-Fetch-Site');
  // "same-site" is refused too: a sibling sub-domain is not this application.
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return `the browser says this ${method} request comes from another site (Sec-Fetch-Site: ${fetchSite})`;
  }
  const origin = headers.get('Origin');
  if (origin) {
    // Host only, not scheme: behind a TLS proxy the page is https while this server sees http.
    let originHost: string | null = null;
    try {
      originHost = origin === 'null' ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== new URL(requestUrl).host) return `this ${method} request comes from ${origin}, another site`;
  }
  return null;
}

const DUMMY_ORIGIN = 'http://switchboard.invalid';

/**
 * `to` as a path on this site, or null when it could lead elsewhere. Browsers forgive a lot in a Location header
 * (they drop tabs and line breaks, read `\` as `/`, fold full-width dots and slashes), so a path is accepted only
 * if it starts with a single `/`, holds no control character, whitespace or character that Unicode folds into
 * another (checked after percent-decoding too), and still resolves to the same origin. The answer is the path as
 * the URL parser normalised it, so it is plain ASCII and safe in a header.
 */
export function sameOriginPath(to: unknown): string | null {
  if (typeof to !== 'string') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return null;
  }
  for (const text of [to, decoded]) {
    if (!text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return null;
    // Controls, any Unicode space, and compatibility characters (full-width "．" or "／") that browsers fold.
    if (/[\p{Cc}\p{Cf}\p{Z}\s]/u.test(text) || text.normalize('NFKC') !== text) return null;
  }
  let url: URL;
  try {
    url = new URL(to, DUMMY_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== DUMMY_ORIGIN) return null;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? null : path;
}
