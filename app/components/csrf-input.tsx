import { useRouteLoaderData } from 'react-router';

// Names shared with app/csrf.server.ts, which checks what these send.
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

interface RootAuthData {
  csrfToken?: string;
}

/** The token of the current session (or signed-out visitor), provided by the root loader to every page. */
export function useCsrfToken(): string {
  const root = useRouteLoaderData('root') as RootAuthData | undefined;
  return root?.csrfToken ?? '';
}

/**
 * Put inside every <Form method="post">: the server refuses a form without it. With fetch(), send useCsrfToken() in
 * the X-CSRF-Token header instead; with fetcher.submit() of a JSON body, as its top-level "csrf" property.
 */
export function CsrfInput() {
  return <input type="hidden" name={CSRF_FIELD} value={useCsrfToken()} />;
}
