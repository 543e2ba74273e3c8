// The web softphone's settings from the environment, read once at start-up; a value that cannot be used stops the
// start with a message naming the variable (SettingError), rather than a softphone that fails in the browser.
import type { AriSettings } from '#runtime/ari/settings.ts';
import { SettingError } from './allowed-hosts.ts';

/**
 * Asterisk's SIP WebSocket (res_http_websocket + the pjsip `protocol=ws` transport, on Asterisk's HTTP server, the one
 * ARI uses): ASTERISK_SIP_WS_URL when set, else ws://<ARI host>:<ARI port>/ws (wss:// for an https ARI_URL). Null
 * without either: the proxy then answers 503.
 */
export function sipWebSocketUpstreamFromEnv(env: NodeJS.ProcessEnv, ari: AriSettings | null): string | null {
  const explicit = env.ASTERISK_SIP_WS_URL?.trim();
  if (explicit) {
    let url: URL | null = null;
    try {
      url = new URL(explicit);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) {
      throw new SettingError(
        `ASTERISK_SIP_WS_URL: "${explicit}" is not a ws:// or wss:// URL (e.g. ws://127.0.0.1:8088/ws).`,
      );
    }
    return url.href;
  }
  if (!ari) return null;
  const url = new URL(ari.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ws`;
  url.username = '';
  url.password = '';
  return url.href;
}

const ICE_URL = /^(stun|stuns|turn|turns):[^\s,]+$/i;

/**
 * SOFTPHONE_ICE_SERVERS: comma-separated STUN/TURN URLs (stun:stun.example.org:3478, turn:turn.example.org). Default
 * none: the browser then offers only its own addresses, enough when it and Asterisk share a network. TURN servers
 * that need a user name and password cannot be given here (the credentials answer carries URLs only).
 */
export function softphoneIceServersFromEnv(env: NodeJS.ProcessEnv): string[] {
  const urls: string[] = [];
  for (const entry of (env.SOFTPHONE_ICE_SERVERS ?? '').split(',')) {
    const url = entry.trim();
    if (url === '') continue;
    if (!ICE_URL.test(url)) {
      throw new SettingError(
        `SOFTPHONE_ICE_SERVERS: "${url}" is not a STUN or TURN URL (write e.g. stun:stun.example.org:3478, comma-separated).`,
      );
    }
    urls.push(url);
  }
  return urls;
}
