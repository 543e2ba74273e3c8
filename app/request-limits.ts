// How large a request body may be, by where it goes (docs/flow-format.md, "Limits"). The Express server refuses a
// larger body from its Content-Length before reading a byte of it (server/app.ts); the API also counts while it
// reads (app/routes/api/+shared/api.server.ts), for scripts that send bodies in chunks without a length.

/** A flow document (web import, the editor's save) and every /api body: a 500-node flow is about 200 kB. */
export const MAX_FLOW_BODY_BYTES = 5 * 1024 * 1024;
/** Any other form: sign-in, setup, people, users, tokens... none holds more than a few kilobytes. */
export const MAX_FORM_BODY_BYTES = 256 * 1024;

export interface BodyLimit {
  bytes: number;
  /** What the body is, for the refusal: "A flow document", "This form". */
  what: string;
  /** True where the endpoint reads JSON for scripts, counting as it reads (the token API). */
  api: boolean;
}

/** "5 MB", "17.3 MB", "256 KB", "1 KB" (rounded up, so a refused size never reads as the limit itself). */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toString()} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/**
 * The limit for a body sent to `pathname`. React Router's own form submissions go to `<path>.data` (and the index
 * route's to `/_root.data`), so those count as the page they belong to.
 */
export function bodyLimitFor(pathname: string): BodyLimit {
  const page = pathname === '/_root.data' ? '/' : pathname.replace(/\.data$/, '');
  if (page.startsWith('/api/') && page !== '/api/prompt-preview') {
    return { bytes: MAX_FLOW_BODY_BYTES, what: 'An API request body', api: true };
  }
  if (page === '/' || /^\/flows\/[^/]+\/edit\/?$/.test(page)) {
    return { bytes: MAX_FLOW_BODY_BYTES, what: 'A flow document', api: false };
  }
  return { bytes: MAX_FORM_BODY_BYTES, what: 'This form', api: false };
}
