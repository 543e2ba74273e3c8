// The traffic of a flow over HTTP, on the real app and a real SQLite file: GET /api/flows/:id/traffic (bearer token),
// and the editor's overlays (signed-in staff): GET /flows/:id/traffic and the live counts' stream /flows/:id/live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createStaffAccount, createStaffSession } from '#db/auth.ts';
import { createCallRecorder } from '#db/calls.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { frenchFlow } from '#db/testing/temp-database.ts';
import type { LiveCallNode } from './services.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
let token: string;
let flowId: string;
let versionId: string;
let sessionCookie: string;
/** The runtime's calls in progress, as the fake runtime of this test holds them (channel id -> node). */
const liveCalls = new Map<string, LiveCallNode>();

/** One recorded call walking start -> bienvenue -> menu, then pressing `digit` (to "fin") or hanging up (null). */
function recordCall(startedAt: number, digit: string | null, simulated = false): void {
  const recorder = createCallRecorder(testApp.temp.db);
  const callId = recorder.startCall({
    channelId: `chan-${startedAt}-${digit}`,
    dialledNumber: '6003',
    callerNumber: '0612345678',
    callerName: '',
    simulated,
    flowId,
    versionId,
    startedAt,
  });
  let at = startedAt;
  const walk = (nodeId: string, branch: string | null) => {
    recorder.appendEvent(callId, { kind: 'node-entered', at: ++at, nodeId, versionId });
    recorder.appendEvent(callId, { kind: 'node-left', at: ++at, nodeId, branch, versionId });
  };
  walk('start', 'next');
  walk('bienvenue', 'next');
  walk('menu', digit);
  if (digit) walk('fin', null);
  recorder.endCall(callId, digit ? 'completed' : 'caller-hung-up', ++at);
}

beforeAll(async () => {
  testApp = await startTestApp('traffic', { liveCalls: () => liveCalls });
  const db = testApp.temp.db;
  const admin = await createStaffAccount(db, { username: 'dashboard', password: 'dashboard password', role: 'admin' });
  token = createApiToken(db, { name: 'wallboard', role: 'viewer', accountId: admin.id }).secret;
  sessionCookie = `sb_session=${createStaffSession(db, admin.id).id}`;
  flowId = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' }).flowId;
  versionId = publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' }).versionId;
  recordCall(1_000, '1');
  recordCall(2_000, '1');
  recordCall(3_000, null);
  recordCall(4_000, '2', true);
}, 120_000);

afterAll(() => testApp?.close());

async function get(path: string, withToken = true) {
  const response = await fetch(testApp.base + path, { headers: withToken ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/flows/:id/traffic', () => {
  it('answers the edge counts and drop-offs of the period, real calls by default', async () => {
    const { status, body } = await get(`/api/flows/${flowId}/traffic?from=0&to=10000`);
    expect(status).toBe(200);
    expect(body).toEqual({
      flowId,
      from: 0,
      to: 10_000,
      simulated: false,
      calls: 3,
      edges: [
        { versionId, source: 'bienvenue', branch: 'next', target: 'menu', count: 3 },
        { versionId, source: 'menu', branch: '1', target: 'fin', count: 2 },
        { versionId, source: 'start', branch: 'next', target: 'bienvenue', count: 3 },
      ],
      dropOff: [{ versionId, nodeId: 'menu', count: 1 }],
    });
  });

  it('answers simulated calls apart, and takes ISO dates', async () => {
    const { status, body } = await get(
      `/api/flows/${flowId}/traffic?from=1970-01-01T00:00:03Z&to=1970-01-01T00:00:05Z&simulated=true`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: 3_000, to: 5_000, simulated: true, calls: 1, dropOff: [] });
    expect(body.edges).toContainEqual({ versionId, source: 'menu', branch: '2', target: 'fin', count: 1 });
  });

  it('says what is wrong with a bad period, an unknown flow or a missing token', async () => {
    const reversed = await get(`/api/flows/${flowId}/traffic?from=5000&to=1000`);
    expect(reversed.status).toBe(400);
    expect((reversed.body.error as { message: string }).message).toContain('from must not be after to');
    const garbled = await get(`/api/flows/${flowId}/traffic?from=yesterday`);
    expect(garbled.status).toBe(400);
    expect((garbled.body.error as { message: string }).message).toContain('"yesterday" is neither milliseconds');
    expect((await get(`/api/flows/${flowId}/traffic?simulated=maybe`)).status).toBe(400);
    expect((await get('/api/flows/flw_missing/traffic')).status).toBe(404);
    expect((await get(`/api/flows/${flowId}/traffic`, false)).status).toBe(401);
  });
});

describe('the editor’s overlays', () => {
  it('GET /flows/:id/traffic answers the period’s figures with versions added together, for signed-in staff only', async () => {
    const response = await fetch(`${testApp.base}/flows/${flowId}/traffic?from=0&to=10000`, {
      headers: { Cookie: sessionCookie },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: 0,
      to: 10_000,
      simulated: false,
      calls: 3,
      edges: [
        { source: 'bienvenue', branch: 'next', target: 'menu', count: 3 },
        { source: 'menu', branch: '1', target: 'fin', count: 2 },
        { source: 'start', branch: 'next', target: 'bienvenue', count: 3 },
      ],
      dropOff: [{ nodeId: 'menu', count: 1 }],
    });
    const anonymous = await fetch(`${testApp.base}/flows/${flowId}/traffic`, { redirect: 'manual' });
    expect(anonymous.status).not.toBe(200);
  });

  it('GET /flows/:id/live streams the calls in progress per node, and again within a second when they move', async () => {
    // GIVEN one call of this flow at the menu, and one of another version nobody knows
    liveCalls.set('chan-a', { nodeId: 'menu', versionId });
    liveCalls.set('chan-x', { nodeId: 'menu', versionId: 'ver_elsewhere' });
    const controller = new AbortController();
    const response = await fetch(`${testApp.base}/flows/${flowId}/live`, {
      headers: { Cookie: sessionCookie },
      signal: controller.signal,
    });
    expect(response.headers.get('Content-Type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    const nextCounts = async (): Promise<unknown> => {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message);
          if (/^event: counts$/m.test(message) && data) return JSON.parse(data[1]!);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('The stream ended');
        buffered += value;
      }
    };
    try {
      // THEN the first message counts the call at the menu
      expect(await nextCounts()).toEqual({ real: { menu: 1 }, simulated: {} });
      // WHEN it moves on and a second call arrives at the start
      const moved = Date.now();
      liveCalls.set('chan-a', { nodeId: 'fin', versionId });
      liveCalls.set('chan-b', { nodeId: 'start', versionId });
      // THEN the stream says so within a second
      expect(await nextCounts()).toEqual({ real: { fin: 1, start: 1 }, simulated: {} });
      expect(Date.now() - moved).toBeLessThan(1000);
    } finally {
      controller.abort();
      liveCalls.clear();
    }
  });
});
