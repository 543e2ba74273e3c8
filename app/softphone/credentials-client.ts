// The browser's side of the contract in credentials.ts: asks the server for this session's SIP identity. The answer
// lives in memory only (the provider's ref, the JsSIP UA), never in localStorage or sessionStorage: after a reload
// the page asks again, and a stolen disk image holds no SIP password.
import { CSRF_HEADER } from '../components/csrf-input.tsx';
import { SOFTPHONE_CREDENTIALS_PATH, softphoneCredentialsSchema, type SoftphoneCredentials } from './credentials.ts';

export type CredentialsAnswer = SoftphoneCredentials | { status: 'unavailable' };

export async function fetchSoftphoneCredentials(
  csrfToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<CredentialsAnswer> {
  try {
    const response = await fetchImpl(SOFTPHONE_CREDENTIALS_PATH, {
      method: 'POST',
      headers: { [CSRF_HEADER]: csrfToken, Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) return { status: 'unavailable' };
    const parsed = softphoneCredentialsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : { status: 'unavailable' };
  } catch {
    return { status: 'unavailable' };
  }
}
