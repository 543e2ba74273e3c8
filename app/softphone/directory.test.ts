import { describe, expect, it } from 'vitest';
import { fetchDirectory, searchDirectory } from './directory.ts';
import { fetchSoftphoneCredentials } from './credentials-client.ts';

const people = [
  { displayName: 'Hélène Dubois', extension: '6001' },
  { displayName: 'Bob Martin', extension: '6002' },
  { displayName: 'Alice Martin', extension: '6003' },
];

describe('directory search', () => {
  it('finds by name regardless of case and accents, and by extension', () => {
    expect(searchDirectory(people, 'helene')).toEqual([people[0]]);
    expect(searchDirectory(people, 'MARTIN').map((entry) => entry.extension)).toEqual(['6002', '6003']);
    expect(searchDirectory(people, '6003')).toEqual([people[2]]);
    expect(searchDirectory(people, 'alice 600')).toEqual([people[2]]);
  });

  it('lists the first people for an empty query, up to the limit', () => {
    expect(searchDirectory(people, '  ', 2)).toHaveLength(2);
  });

  it('reads the directory route, and nothing from a bad answer', async () => {
    const ok = (async () => Response.json(people)) as typeof fetch;
    const bad = (async () => Response.json([{ name: 1 }])) as typeof fetch;
    expect(await fetchDirectory(ok)).toEqual(people);
    expect(await fetchDirectory(bad)).toEqual([]);
  });
});

describe('softphone credentials', () => {
  const ready = {
    status: 'ready',
    websocketPath: '/sip',
    sipUri: 'sip:bob~web@switchboard.invalid',
    authorizationUser: 'bob~web',
    password: 'a-very-long-password-1234',
    realm: 'asterisk',
    displayName: 'Bob',
    extension: '6002',
    iceServers: [],
  };

  it('posts with the CSRF token in its header and parses the answer', async () => {
    const seen: RequestInit[] = [];
    const fake = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return Response.json(ready);
    }) as unknown as typeof fetch;
    expect(await fetchSoftphoneCredentials('token-1', fake)).toEqual(ready);
    expect(seen[0]?.method).toBe('POST');
    expect(new Headers(seen[0]?.headers).get('X-CSRF-Token')).toBe('token-1');
  });

  it('says no-person, and unavailable on a refusal or a malformed answer', async () => {
    const answer = (body: unknown, status = 200) => (async () => Response.json(body, { status })) as typeof fetch;
    expect(await fetchSoftphoneCredentials('t', answer({ status: 'no-person' }))).toEqual({ status: 'no-person' });
    expect(await fetchSoftphoneCredentials('t', answer({}, 403))).toEqual({ status: 'unavailable' });
    expect(await fetchSoftphoneCredentials('t', answer({ ...ready, password: 'short' }))).toEqual({
      status: 'unavailable',
    });
  });
});
