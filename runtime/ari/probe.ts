// A plain HTTP look at ARI before each event session: a refused WebSocket upgrade says little, while one GET of
// /ari/asterisk/info tells the three cases (wrong password, unreachable, ready) apart, so the
// connection can show a person what is wrong instead of retrying blindly.
import type { AriSettings } from './settings.ts';
import { basicAuthorization } from './ari-http-client.ts';

export type ProbeResult =
  | { ok: true; asteriskVersion?: string }
  | { ok: false; kind: 'auth-failed'; message: string }
  | { ok: false; kind: 'unreachable'; message: string };

export async function probeAri(
  settings: AriSettings,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ProbeResult> {
  const infoUrl = `${settings.url}/ari/asterisk/info`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(infoUrl, {
      headers: { Authorization: basicAuthorization(settings.username, settings.password), Accept: 'application/json' },
      signal,
    });
    const body = await response.text(); // always drain, so the socket goes back to the pool
    if (response.status === 401) {
      return {
        ok: false,
        kind: 'auth-failed',
        message: `ARI rejected user "${settings.username}": wrong password or unknown user (HTTP 401 from ${infoUrl})`,
      };
    }
    if (response.status === 403) {
      return {
        ok: false,
        kind: 'auth-failed',
        message: `ARI user "${settings.username}" is not allowed to use ARI (HTTP 403 from ${infoUrl})`,
      };
    }
    if (!response.ok) {
      return {
        ok: false,
        kind: 'unreachable',
        message: `ARI is not available at ${settings.url}: HTTP ${response.status} from ${infoUrl}`,
      };
    }
    return { ok: true, asteriskVersion: versionOf(body) };
  } catch (error) {
    const why = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : causeOf(error);
    return { ok: false, kind: 'unreachable', message: `Asterisk is not reachable at ${settings.url}: ${why}` };
  }
}

function versionOf(body: string): string | undefined {
  try {
    const info = JSON.parse(body) as { system?: { version?: unknown } };
    return typeof info.system?.version === 'string' ? info.system.version : undefined;
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  // fetch wraps the socket error: TypeError("fetch failed") with cause { code: 'ECONNREFUSED' }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  // Short-lived (one probe), so AbortSignal.any's GC-bound listeners are not a concern here.
  return AbortSignal.any(signals);
}
