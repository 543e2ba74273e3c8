// The editor's "Test call" in a real Chromium against the production build (tests/e2e/browser/designer-server.ts):
// the 6003 example as an unpublished draft, called from the browser, no Asterisk anywhere. The call runs in the
// server's SimulationManager (runtime/simulator) on the same interpreter as real calls.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall } from '#db/calls.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { csrfTokenOf, eventually, launchChromium, signIn, VIEWPORT } from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

const ivr6003 = flowDocumentSchema.parse(JSON.parse(readFileSync(`${REPO_ROOT}/flows/examples/ivr-6003.json`, 'utf8')));

describe('Test call in the editor (6003 draft)', () => {
  let server: DesignerServer & { flowIds: string[] };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDesignerServer({ flows: [ivr6003] });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT });
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
  const simState = (nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"]`).getAttribute('data-sim-state');
  const takenEdges = () =>
    page.locator('.react-flow__edge.sim-taken').evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-id')));

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
    await page.getByTestId('keypad-2').click();

    const question = page.getByTestId('dial-question');
    await question.waitFor({ timeout: 15_000 });
    expect(await question.textContent()).toContain('PJSIP/bob');
    await page.getByTestId('dial-answer-no-answer').click();

    await eventually(async () => expect(await state()).toMatch(/^Ended/), 30_000);
    expect(await steps()).toEqual(['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob']);
    // Every node of the path is marked on the canvas, and only those.
    for (const nodeId of ['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob']) expect(await simState(nodeId)).not.toBeNull();
    for (const nodeId of ['dial-alice', 'vm-alice', 'invalid-option', 'end-call']) expect(await simState(nodeId)).toBeNull();
    expect((await takenEdges()).sort()).toEqual(['dial-bob.no-answer', 'main-menu.2', 'start.next', 'welcome.next']);
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
      const response = await fetch('/simulations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ flowId }) });
      return response.status;
    }, server.flowIds[0]!);
    expect(forged).toBe(403);
    // A viewer may read history but not make test calls, even with a valid token.
    const viewerContext = await browser.newContext({ viewport: VIEWPORT });
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
});
