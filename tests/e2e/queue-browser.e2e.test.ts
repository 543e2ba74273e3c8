// A test call through a queue node in a real Chromium against the production build (tests/e2e/browser/): the
// department's member is a simulated agent the tester answers for. No Asterisk anywhere. Then the call page shows the
// queued stay with both rings, the history says who answered, and the queue report leaves test calls out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createDepartment } from '#db/departments.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { eventually, launchChromium, signIn, VIEWPORT, ENGLISH_LOCALE } from './browser/designer-page.ts';
import { STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

const supportFlow = flowDocumentSchema.parse({
  format: 1,
  name: 'Support file',
  description: '',
  numbers: ['6210'],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'file',
      type: 'queue',
      position: { x: 260, y: 0 },
      data: { department: 'Support', firstAnnounceAfterSeconds: 0, announceEverySeconds: 30, maxWaitSeconds: 300 },
    },
    { id: 'merci', type: 'say', position: { x: 560, y: -120 }, data: { text: 'Merci de votre appel.' } },
    { id: 'trop-long', type: 'say', position: { x: 560, y: 120 }, data: { text: 'Rappelez plus tard.' } },
    { id: 'fin', type: 'hangup', position: { x: 860, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'start.next', source: 'start', sourceBranch: 'next', target: 'file' },
    { id: 'file.answered', source: 'file', sourceBranch: 'answered', target: 'merci' },
    { id: 'file.timeout', source: 'file', sourceBranch: 'timeout', target: 'trop-long' },
    { id: 'merci.next', source: 'merci', sourceBranch: 'next', target: 'fin' },
    { id: 'trop-long.next', source: 'trop-long', sourceBranch: 'next', target: 'fin' },
  ],
});

describe('Test call through a queue (Chromium)', () => {
  let server: DesignerServer & { flowIds: string[] };
  let browser: Browser;
  let page: Page;
  let callHref: string;

  beforeAll(async () => {
    server = await startDesignerServer({ flows: [supportFlow] });
    // GIVEN the Support department with alice (a seeded person) as its only member; a 6 s retry after a missed ring (the position announcement, about 3 s, is heard before; an agent free again would cut it short)
    createDepartment(server.db, { name: 'Support', agentRingSeconds: 20, retrySeconds: 6 });
    addMember(server.db, { department: 'Support', person: 'alice' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    await signIn(page, server.baseUrl, STAFF.editor);
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

  it('the tester lets alice ring once, hears the position, answers the second ring: the call takes "answered"', async () => {
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[0]}/edit`);
    await page.getByTestId('test-call-open').click();
    await page.getByTestId('test-call-start').click();

    // WHEN the queue rings alice, the tester is asked to answer for her
    const question = page.getByTestId('dial-question');
    await question.waitFor({ timeout: 30_000 });
    expect(await question.textContent()).toContain('alice');
    // and the queue node's live badge counts the caller as waiting (a place in the queue, agent ringing)
    const live = page.getByTestId('live-test-count-file');
    await eventually(async () => {
      expect(await live.getAttribute('data-waiting')).toBe('1');
      expect(await live.getAttribute('data-talking')).toBe('0');
    }, 5_000);
    expect(await live.textContent()).toContain('1 waiting · 0 talking');
    // AND lets it ring
    await page.getByTestId('dial-answer-no-answer').click();

    // THEN the caller hears their position, and alice is rung again after her retry delay
    await eventually(
      async () =>
        expect(await page.getByTestId('test-call-steps').textContent()).toContain(
          'Vous êtes le prochain à être servi.',
        ),
      30_000,
    );
    await eventually(
      async () => expect(await page.getByTestId('dial-question').textContent()).toContain('alice'),
      30_000,
    );
    await page.getByTestId('dial-answer-answered').click();

    // and after the conversation the call goes on by "answered"
    await eventually(async () => expect(await state()).toMatch(/^Ended/), 30_000);
    expect(await steps()).toEqual(['start', 'file', 'merci', 'fin']);
    expect(await page.getByTestId('test-call-steps').textContent()).toContain('Merci de votre appel.');
    expect(await page.locator('.react-flow__edge.sim-taken[data-id="file.answered"]').count()).toBe(1);
    expect(await page.locator('.react-flow__node[data-id="trop-long"]').getAttribute('data-sim-state')).toBeNull();
    callHref = (await page.getByTestId('test-call-history').getAttribute('href'))!;
    expect(callHref).toMatch(/^\/calls\/call_/);
  });

  it('the call page shows the queued stay: department, outcome, who answered and both rings', async () => {
    await page.goto(server.baseUrl + callHref);
    const section = page.getByTestId('call-queue');
    await section.waitFor();
    expect(await section.getByRole('heading', { name: 'Queue' }).count()).toBe(1);
    const stay = section.getByTestId('queue-stay');
    expect(await stay.count()).toBe(1);
    expect(await stay.getAttribute('data-outcome')).toBe('answered');
    const facts = await stay.locator('dl').textContent();
    expect(facts).toContain('Support');
    expect(facts).toContain('Position on joining1');
    expect(await stay.getByTestId('queue-stay-outcome').textContent()).toBe('Answered');
    expect(await stay.getByTestId('queue-stay-answered-by').textContent()).toBe('alice');
    const rings = await stay
      .getByTestId('queue-stay-rings')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent)),
      );
    expect(rings).toEqual([
      ['alice', 'No answer'],
      ['alice', 'Answered'],
    ]);
    // The wait is at least the first ring and the announcement, well under the ring time plus retries.
    expect(await stay.getByTestId('queue-stay-wait').textContent()).toMatch(/^\d+ s$/);
  });

  it('history says who answered; the CSV has the queue columns; the queue report leaves test calls out', async () => {
    await page.goto(`${server.baseUrl}/calls?kind=simulated`);
    const row = page.getByTestId('history-table').locator('tbody tr').first();
    expect(await row.getByTestId('history-queue').textContent()).toMatch(
      /^Support · waited \d+ s · answered by alice$/,
    );
    const csv = await page.evaluate(async () => (await fetch('/calls.csv?kind=simulated')).text());
    const [header, line] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header!.split(',').slice(-4)).toEqual(['queue', 'queue_wait_s', 'queue_outcome', 'answered_by']);
    expect(line!.split(',').slice(-4)).toEqual(['Support', expect.stringMatching(/^\d+(\.\d)?$/), 'answered', 'alice']);

    // A viewer may read the report: Support is listed, with no queued call (the only one was a test call).
    const viewerContext = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    const viewer = await viewerContext.newPage();
    await signIn(viewer, server.baseUrl, STAFF.viewer);
    await viewer.goto(`${server.baseUrl}/queues?period=7d`);
    const report = viewer.getByTestId('queues-report-table').locator('tbody tr[data-department="Support"]');
    expect(await report.locator('td').first().textContent()).toBe('0');
    expect(
      await viewer
        .getByTestId('queues-live')
        .locator('tr[data-department="Support"]')
        .getByTestId('queues-waiting-count')
        .textContent(),
    ).toBe('0');
    await viewerContext.close();
  });
});
