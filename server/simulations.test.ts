// The editor's test calls over HTTP (POST /simulations, then its event stream), on the real app and a real SQLite
// file: variables set before the call reach the session, and a bad variable name is refused with its name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount, createStaffSession } from '#db/auth.ts';
import { createFlow } from '#db/flows.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

const vipFlow = flowDocumentSchema.parse({
  format: 1,
  name: 'Accueil VIP',
  description: '',
  numbers: ['6123'],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'is-vip',
      type: 'branch',
      position: { x: 200, y: 0 },
      data: {
        conditions: [
          { id: 'vip', subject: { kind: 'variable', name: 'client_vip' }, operator: 'equals', value: 'oui' },
        ],
      },
    },
    { id: 'vip-bye', type: 'hangup', position: { x: 400, y: -80 }, data: {} },
    { id: 'standard-bye', type: 'hangup', position: { x: 400, y: 80 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceBranch: 'next', target: 'is-vip' },
    { id: 'e2', source: 'is-vip', sourceBranch: 'vip', target: 'vip-bye' },
    { id: 'e3', source: 'is-vip', sourceBranch: 'else', target: 'standard-bye' },
  ],
});

let testApp: TestApp;
let headers: Record<string, string>;
let flowId: string;

beforeAll(async () => {
  testApp = await startTestApp('simulations');
  const db = testApp.temp.db;
  const editor = await createStaffAccount(db, { username: 'edith', password: 'edith designs flows', role: 'editor' });
  const session = createStaffSession(db, editor.id);
  headers = {
    Cookie: `sb_session=${session.id}`,
    'X-CSRF-Token': session.csrfToken,
    'Content-Type': 'application/json',
  };
  flowId = createFlow(db, { document: vipFlow, author: 'edith' }).flowId;
}, 120_000);

afterAll(() => testApp?.close());

/** Starts a test call and reads its event stream to the end: the nodes it entered. */
async function testCall(variables?: Record<string, string>): Promise<string[]> {
  const started = await fetch(`${testApp.base}/simulations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ flowId, ...(variables ? { variables } : {}) }),
  });
  expect(started.status).toBe(201);
  const { simulationId } = (await started.json()) as { simulationId: string };
  const stream = await fetch(`${testApp.base}/simulations/${simulationId}/events`, {
    headers: { Cookie: headers.Cookie! },
  });
  const text = await stream.text(); // the server closes the stream after the call's end
  return text
    .split('\n\n')
    .filter((message) => message.startsWith('event: call-event'))
    .map(
      (message) =>
        JSON.parse(message.slice(message.indexOf('data: ') + 6)) as { event: { kind: string; nodeId?: string } },
    )
    .filter(({ event }) => event.kind === 'node-entered')
    .map(({ event }) => event.nodeId!);
}

describe('POST /simulations with variables', () => {
  it('starts the call with them: the branch on client_vip takes the VIP way', async () => {
    expect(await testCall({ client_vip: 'oui' })).toEqual(['start', 'is-vip', 'vip-bye']);
    expect(await testCall({ client_vip: 'non' })).toEqual(['start', 'is-vip', 'standard-bye']);
    expect(await testCall()).toEqual(['start', 'is-vip', 'standard-bye']);
  });

  it('refuses a variable name the flow language would not accept, saying which', async () => {
    const refused = await fetch(`${testApp.base}/simulations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ flowId, variables: { 'client vip': 'oui' } }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain(
      'The variable name "client vip" is not valid',
    );
    const notText = await fetch(`${testApp.base}/simulations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ flowId, variables: { client_vip: 1 } }),
    });
    expect(notText.status).toBe(400);
  });
});
