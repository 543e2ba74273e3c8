// The editor's "Test call" in a real Chromium against the production build (tests/e2e/browser/designer-server.ts):
// the 6003 example as an unpublished draft, called from the browser, no Asterisk anywhere. The call runs in the
// server's SimulationManager (runtime/simulator) on the same interpreter as real calls.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall, listCalls } from '#db/calls.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { csrfTokenOf, eventually, launchChromium, signIn, VIEWPORT, ENGLISH_LOCALE } from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

const ivr6003 = flowDocumentSchema.parse(JSON.parse(readFileSync(`${REPO_ROOT}/flows/examples/ivr-6003.json`, 'utf8')));

// A branch on a variable only the tester can set before the call: client_vip=oui reaches the VIP welcome.
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
      position: { x: 260, y: 0 },
      data: {
        conditions: [
          { id: 'vip', subject: { kind: 'variable', name: 'client_vip' }, operator: 'equals', value: 'oui' },
        ],
      },
    },
    {
      id: 'vip-welcome',
      type: 'say',
      position: { x: 560, y: -120 },
      data: { text: 'Bienvenue, cher client privilégié.' },
    },
    { id: 'standard-welcome', type: 'say', position: { x: 560, y: 120 }, data: { text: 'Bienvenue.' } },
    { id: 'bye', type: 'hangup', position: { x: 860, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceBranch: 'next', target: 'is-vip' },
    { id: 'e2', source: 'is-vip', sourceBranch: 'vip', target: 'vip-welcome' },
    { id: 'e3', source: 'is-vip', sourceBranch: 'else', target: 'standard-welcome' },
    { id: 'e4', source: 'vip-welcome', sourceBranch: 'next', target: 'bye' },
    { id: 'e5', source: 'standard-welcome', sourceBranch: 'next', target: 'bye' },
  ],
});

/**
 * For each edge of `document`, how many of these recorded calls took it at least once: a node-left by the edge's
 * branch followed by the node-entered of its target. Worked out here from the raw events, independently of
 * db/call-stats.ts, to judge what the canvas shows.
 */
function callsPerEdge(
  calls: { events: { kind: string; nodeId: string | null; branch: string | null }[] }[],
  document: typeof ivr6003,
) {
  const counts = new Map(document.edges.map((edge) => [edge.id, 0]));
  for (const call of calls) {
    const taken = new Set<string>();
    call.events.forEach((event, index) => {
      const next = call.events[index + 1];
      if (event.kind !== 'node-left' || !event.branch || next?.kind !== 'node-entered') return;
      const edge = document.edges.find(
        (candidate) =>
          candidate.source === event.nodeId &&
          candidate.sourceBranch === event.branch &&
          candidate.target === next.nodeId,
      );
      if (edge) taken.add(edge.id);
    });
    for (const id of taken) counts.set(id, counts.get(id)! + 1);
  }
  return counts;
}

describe('Test call in the editor (6003 draft)', () => {
  let server: DesignerServer & { flowIds: string[] };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDesignerServer({ flows: [ivr6003, vipFlow] });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    await signIn(page, server.baseUrl, STAFF.editor);
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[0]}/edit`);
    await page.getByTestId('test-call-open').click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const state = () => page.getByTestId('test-call-state').textContent();
  const steps = () =>
    page
      .getByTestId('test-call-steps')
      .locator('li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-node-id')));
  const simState = (nodeId: string) =>
    page.locator(`.react-flow__node[data-id="${nodeId}"]`).getAttribute('data-sim-state');
  const takenEdges = () =>
    page
      .locator('.react-flow__edge.sim-taken')
      .evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-id')));

  /** Waits until the call listens for keys at the menu (its prompt lets keys interrupt it, so that counts too). */
  async function atMenu(visits: number) {
    await eventually(async () => {
      expect((await steps()).filter((id) => id === 'main-menu')).toHaveLength(visits);
      expect(await state()).toMatch(/Waiting for keys|keys interrupt/);
    }, 30_000);
  }

  it('press 2, "no answer": the call reaches bob\'s voicemail, and the canvas shows the path taken', async () => {
    await page.getByTestId('test-call-start').click();
    await atMenu(1);
    // The call in progress shows as a live count on the node it is in (/flows/:id/live, test calls apart).
    const liveAtMenu = page.getByTestId('live-test-count-main-menu');
    await eventually(async () => expect(await liveAtMenu.getAttribute('data-count')).toBe('1'), 5_000);
    expect(await page.getByTestId('live-test-count-welcome').count()).toBe(0);
    await page.getByTestId('keypad-2').click();

    const question = page.getByTestId('dial-question');
    await question.waitFor({ timeout: 15_000 });
    expect(await question.textContent()).toContain('bob');
    await page.getByTestId('dial-answer-no-answer').click();

    // bob's voicemail records the caller's message until # (or its time limit).
    await eventually(async () => expect(await state()).toMatch(/^Recording/), 30_000);
    await page.getByTestId('keypad-#').click();
    await eventually(async () => expect(await state()).toMatch(/^Ended/), 30_000);
    // After the message the voicemail node goes on to the flow's hang-up.
    expect(await steps()).toEqual(['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob', 'end-call']);
    // Over, the call leaves no live count behind.
    await eventually(
      async () => expect(await page.locator('[data-testid^="live-test-count-"]').count()).toBe(0),
      5_000,
    );
    // Every node of the path is marked on the canvas, and only those.
    for (const nodeId of ['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob', 'end-call'])
      expect(await simState(nodeId)).not.toBeNull();
    for (const nodeId of ['dial-alice', 'vm-alice', 'invalid-option', 'goodbye'])
      expect(await simState(nodeId)).toBeNull();
    expect((await takenEdges()).sort()).toEqual([
      'dial-bob.no-answer',
      'main-menu.2',
      'start.next',
      'vm-bob.next',
      'welcome.next',
    ]);
    const stepList = await page.getByTestId('test-call-steps').textContent();
    expect(stepList).toContain('Bonjour, et bienvenue à la plateforme');
    expect(stepList).toContain('dial: no-answer');
    // The prompts were fetched as WAV files by the page's <audio> element.
    const audioSrc = await page.getByTestId('test-call-audio').getAttribute('src');
    expect(audioSrc).toMatch(/^\/prompts\/[0-9a-f]+\.wav$/);
    const wav = await fetch(server.baseUrl + audioSrc!);
    expect(wav.headers.get('content-type')).toContain('audio/wav');

    // The call is in history as a simulated call, with the same path.
    const href = await page.getByTestId('test-call-history').getAttribute('href');
    const record = getCall(server.db, href!.split('/').at(-1)!)!;
    expect(record.simulated).toBe(true);
    expect(record.events.filter((event) => event.kind === 'node-entered').map((event) => event.nodeId)).toEqual([
      'start',
      'welcome',
      'main-menu',
      'dial-bob',
      'vm-bob',
      'end-call',
    ]);
  });

  it('a new call, press 9: "Option non valide." and back to the welcome', async () => {
    await page.getByTestId('test-call-start').click();
    await atMenu(1);
    await page.getByTestId('keypad-9').click();
    await atMenu(2);
    expect(await steps()).toEqual(['start', 'welcome', 'main-menu', 'invalid-option', 'welcome', 'main-menu']);
    expect(await page.getByTestId('test-call-steps').textContent()).toContain('Option non valide.');
    expect(await simState('invalid-option')).toBe('visited');
    expect(await simState('main-menu')).toBe('current');
    expect(await simState('dial-bob')).toBeNull();
    expect(await takenEdges()).toContain('main-menu.invalid');

    await page.getByTestId('test-call-hangup').click();
    await eventually(async () => expect(await state()).toContain('caller-hung-up'), 15_000);
  });

  it('history lists both test calls, draws the path on the call page and exports them as CSV', async () => {
    await page.goto(`${server.baseUrl}/calls?kind=simulated&number=6003`);
    const rows = page.getByTestId('history-table').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('caller-hung-up');
    expect(await rows.nth(1).textContent()).toContain('(draft)');

    await rows.nth(1).locator('a').first().click();
    await page.getByTestId('call-graph').locator('.react-flow__node').first().waitFor();
    expect(await page.locator('.react-flow__node[data-id="vm-bob"]').getAttribute('data-sim-state')).toBe('visited');
    expect(await page.locator('.react-flow__node[data-id="dial-alice"]').getAttribute('data-sim-state')).toBeNull();
    expect(await page.getByTestId('call-events').textContent()).toContain('Bonjour, et bienvenue à la plateforme');
    expect(await page.getByTestId('call-time-per-node').textContent()).toContain('main-menu');

    const csv = await page.evaluate(async () => (await fetch('/calls.csv?kind=simulated')).text());
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('started_at');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',6003,');
    // Driving a test call needs the page's CSRF token, like every POST of the app.
    const forged = await page.evaluate(async (flowId) => {
      const response = await fetch('/simulations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ flowId }),
      });
      return response.status;
    }, server.flowIds[0]!);
    expect(forged).toBe(403);
    // A viewer may read history but not make test calls, even with a valid token.
    const viewerContext = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    const viewer = await viewerContext.newPage();
    await signIn(viewer, server.baseUrl, STAFF.viewer);
    await viewer.goto(`${server.baseUrl}/calls`);
    const token = await csrfTokenOf(viewer);
    const refused = await viewer.evaluate(
      async ([flowId, csrf]) => {
        const response = await fetch('/simulations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ flowId }),
        });
        return response.status;
      },
      [server.flowIds[0]!, token] as const,
    );
    expect(refused).toBe(403);
    expect(await viewer.getByTestId('history-table').locator('tbody tr').count()).toBe(2);
    await viewerContext.close();
    await page.goto(`${server.baseUrl}/calls?kind=real`);
    expect(await page.getByTestId('history-table').count()).toBe(0);
  });

  it('the variables set before the call are there from the first node: client_vip=oui takes the VIP branch', async () => {
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[1]}/edit`);
    await page.getByTestId('test-call-open').click();
    // A name the flow language refuses is caught before the call starts.
    await page.getByTestId('test-call-variables').fill('client vip=oui');
    expect(await page.getByTestId('test-call-variables-error').textContent()).toContain(
      '"client vip" is not a variable name',
    );
    expect(await page.getByTestId('test-call-start').isDisabled()).toBe(true);

    await page.getByTestId('test-call-variables').fill('client_vip=oui');
    await page.getByTestId('test-call-start').click();
    await eventually(async () => expect(await state()).toMatch(/^Ended: completed/), 30_000);
    expect(await steps()).toEqual(['start', 'is-vip', 'vip-welcome', 'bye']);
    expect(await page.getByTestId('test-call-steps').textContent()).toContain('Bienvenue, cher client privilégié.');

    await page.getByTestId('test-call-variables').fill('client_vip=non');
    await page.getByTestId('test-call-start').click();
    await eventually(async () => expect(await state()).toMatch(/^Ended: completed/), 30_000);
    expect(await steps()).toEqual(['start', 'is-vip', 'standard-welcome', 'bye']);
  });

  it('Traffic, test calls of the last hour: each edge shows how many test calls took it, hang-ups on the node', async () => {
    const flowId = server.flowIds[0]!;
    await page.goto(`${server.baseUrl}/flows/${flowId}/edit`);
    await page.getByTestId('traffic-open').click();
    await page.getByTestId('traffic-period-last-hour').click();
    await page.getByTestId('traffic-simulated').click();
    const summary = page.getByTestId('traffic-summary');
    await eventually(async () => {
      expect(await summary.getAttribute('data-status')).toBe('shown');
      expect(await summary.getAttribute('data-calls')).toBe('2');
    }, 10_000);

    // What the two test calls of this flow did, from their recorded events.
    const recorded = listCalls(server.db, { flowId, simulated: true, limit: 50 }).calls.map((call) =>
      getCall(server.db, call.id)!,
    );
    expect(recorded).toHaveLength(2);
    const expected = callsPerEdge(recorded, ivr6003);
    const shown = new Map(
      await page
        .locator('.react-flow__edge')
        .evaluateAll((edges) =>
          edges.map((edge) => [edge.getAttribute('data-id')!, edge.getAttribute('data-traffic-count')] as const),
        ),
    );
    expect(shown.size).toBe(ivr6003.edges.length);
    for (const [edgeId, count] of expected) expect([edgeId, shown.get(edgeId)]).toEqual([edgeId, String(count)]);
    // Both calls went through the welcome (the second one twice: it counts once), one pressed 2, one pressed 9.
    expect([
      expected.get('start.next'),
      expected.get('welcome.next'),
      expected.get('main-menu.2'),
      expected.get('main-menu.invalid'),
    ]).toEqual([2, 2, 1, 1]);
    expect(await page.locator('.react-flow__edge[data-id="main-menu.2"] .react-flow__edge-text').textContent()).toBe(
      '1 call',
    );
    // The second call hung up at the menu.
    expect(await page.getByTestId('drop-off-main-menu').getAttribute('data-count')).toBe('1');

    // Real calls are kept apart: there are none.
    await page.getByTestId('traffic-real').click();
    await eventually(async () => expect(await summary.getAttribute('data-calls')).toBe('0'), 10_000);
    expect(await page.locator('.react-flow__edge[data-traffic-count="0"]').count()).toBe(ivr6003.edges.length);
    expect(await page.getByTestId('drop-off-main-menu').count()).toBe(0);
  });
});
