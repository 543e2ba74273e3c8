import { describe, expect, it } from 'vitest';
import { SettingError } from './allowed-hosts.ts';
import { sipWebSocketUpstreamFromEnv, softphoneIceServersFromEnv } from './softphone-settings.ts';

const ari = { url: 'http://127.0.0.1:8088', username: 'asterisk', password: 'secret', app: 'switchboard' };

describe('sipWebSocketUpstreamFromEnv', () => {
  it("is Asterisk's /ws on the ARI host and port, unless ASTERISK_SIP_WS_URL says otherwise", () => {
    expect(sipWebSocketUpstreamFromEnv({}, ari)).toBe('ws://127.0.0.1:8088/ws');
    expect(sipWebSocketUpstreamFromEnv({}, { ...ari, url: 'https://pbx.example.org:8089' })).toBe(
      'wss://pbx.example.org:8089/ws',
    );
    expect(sipWebSocketUpstreamFromEnv({ ASTERISK_SIP_WS_URL: 'ws://10.0.0.5:8088/ws' }, ari)).toBe(
      'ws://10.0.0.5:8088/ws',
    );
    expect(sipWebSocketUpstreamFromEnv({}, null)).toBeNull();
    expect(() => sipWebSocketUpstreamFromEnv({ ASTERISK_SIP_WS_URL: 'http://x:8088/ws' }, ari)).toThrow(SettingError);
  });
});

describe('softphoneIceServersFromEnv', () => {
  it('reads comma-separated STUN/TURN URLs, none by default, and refuses anything else', () => {
    expect(softphoneIceServersFromEnv({})).toEqual([]);
    expect(
      softphoneIceServersFromEnv({ SOFTPHONE_ICE_SERVERS: ' stun:stun.example.org:3478, turn:turn.example.org ,' }),
    ).toEqual(['stun:stun.example.org:3478', 'turn:turn.example.org']);
    expect(() => softphoneIceServersFromEnv({ SOFTPHONE_ICE_SERVERS: 'https://stun.example.org' })).toThrow(
      /SOFTPHONE_ICE_SERVERS: "https:\/\/stun.example.org" is not a STUN or TURN URL/,
    );
  });
});
