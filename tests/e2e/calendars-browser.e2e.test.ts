// Issue 12 in a real Chromium against the production build (tests/e2e/browser/designer-server.ts), no Asterisk:
// the Calendars page (state now and why, the "closed now" switch, a delete refused while a published flow uses the
// calendar) and the editor's "what happens at time T": a date-time in the test call panel shows on the
// business-hours node which branch it takes then and why, and the test call takes that branch.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar, type StoredCalendar } from '#db/calendars.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import { eventually, launchChromium, signIn, VIEWPORT, ENGLISH_LOCALE } from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

function hoursFlow(calendarId: string): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name: 'Standard',
    description: '',
    language: 'fr-FR',
    numbers: ['6280'],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'hours', type: 'business-hours', position: { x: 250, y: 0 }, data: { calendarId } },
      { id: 'open', type: 'hangup', position: { x: 600, y: -150 }, data: {} },
      { id: 'closed', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
      { id: 'holiday', type: 'hangup', position: { x: 600, y: 150 }, data: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', sourceBranch: 'next', target: 'hours' },
      { id: 'e1', source: 'hours', sourceBranch: 'open', target: 'open' },
      { id: 'e2', source: 'hours', sourceBranch: 'closed', target: 'closed' },
      { id: 'e3', source: 'hours', sourceBranch: 'holiday', target: 'holiday' },
    ],
  };
}

describe('Calendars page and "what happens at time T" in the editor', () => {
  let server: DesignerServer & { flowIds: string[] };
  let browser: Browser;
  let page: Page;
  let calendar: StoredCalendar;
  let flowId: string;

  beforeAll(async () => {
    server = await startDesignerServer({ flows: [] });
    calendar = createCalendar(server.db, { name: 'Accueil Paris' });
    flowId = createFlow(server.db, { document: hoursFlow(calendar.id), author: 'e2e setup' }).flowId;
    browser = await launchChromium();
    // The date-time typed in the panel is read in the browser's zone: Paris, like the calendar.
    page = await browser.newPage({ viewport: VIEWPORT, locale: ENGLISH_LOCALE, timezoneId: 'Europe/Paris' });
    await signIn(page, server.baseUrl, STAFF.editor);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists calendars from the navigation, and the editor flips "closed now" and back to normal', async () => {
    await page.locator('nav a[href="/calendars"]').click();
    await page.waitForURL((url) => url.pathname === '/calendars');
    const row = page.getByTestId('calendar-row-Accueil Paris');
    expect(await row.getByTestId('calendar-state').getAttribute('data-state')).toMatch(/^(open|closed|holiday)$/);

    await row.locator('a').click();
    await page.getByTestId('calendar-detail').waitFor();
    await page.locator('#calendar-override-reason').fill('weather');
    await page.getByTestId('calendar-close-now').click();
    await eventually(async () =>
      expect(await page.getByTestId('calendar-override').textContent()).toContain(
        'Closed now: weather (switched by edith',
      ),
    );
    expect(await page.getByTestId('calendar-now').getAttribute('data-state')).toBe('closed');
    expect(await page.getByTestId('calendar-now').textContent()).toContain('closed: weather (switched by edith)');
    await page.screenshot({ path: `${REPO_ROOT}/tests/e2e/screenshots/calendars-closed-now.png`, fullPage: true });

    await page.getByTestId('calendar-clear-override').click();
    await eventually(async () => expect(await page.getByTestId('calendar-override').count()).toBe(0));
    expect(await page.getByTestId('calendars-done').textContent()).toContain('back to normal');
  });

  it('changes the weekly hours and refuses overlapping ranges with a sentence', async () => {
    await page.goto(`${server.baseUrl}/calendars?calendar=${calendar.id}`);
    await page.locator('#calendar-hours-saturday').fill('10:00-12:00, 11:00-13:00');
    await page.getByTestId('calendar-save').click();
    await eventually(async () =>
      expect(await page.getByTestId('calendars-error').textContent()).toBe(
        'Saturday, range 2: 11:00–13:00 overlaps 10:00–12:00',
      ),
    );
    await page.locator('#calendar-hours-saturday').fill('closed');
    await page.getByTestId('calendar-save').click();
    await eventually(async () =>
      expect(await page.getByTestId('calendars-done').textContent()).toBe('Calendar "Accueil Paris" saved.'),
    );
  });

  it('shows on the node the branch taken at the chosen date-time, and the test call takes it', async () => {
    await page.goto(`${server.baseUrl}/flows/${flowId}/edit`);
    await page.getByTestId('test-call-open').click();
    const verdict = page.getByTestId('calendar-verdict-hours');
    const steps = () =>
      page
        .getByTestId('test-call-steps')
        .locator('li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-node-id')));
    const cases = [
      { at: '2026-07-14T10:00', branch: 'holiday', reason: 'Bastille Day (public holiday in France)' },
      { at: '2026-12-12T10:00', branch: 'closed', reason: 'outside opening hours: Saturday' },
      { at: '2026-12-07T10:00', branch: 'open', reason: 'open: Monday 09:00–12:30' },
    ];
    for (const { at, branch, reason } of cases) {
      await page.getByTestId('test-call-at').fill(at);
      await eventually(async () => {
        expect(await verdict.getAttribute('data-branch')).toBe(branch);
        expect(await verdict.textContent()).toContain(reason);
      });
      if (branch === 'holiday')
        await page.screenshot({ path: `${REPO_ROOT}/tests/e2e/screenshots/business-hours-at-time.png` });
      await page.getByTestId('test-call-start').click();
      await eventually(
        async () => expect(await page.getByTestId('test-call-state').textContent()).toMatch(/^Ended/),
        20_000,
      );
      expect(await steps()).toEqual(['start', 'hours', branch]);
    }
    // Empty again: no date-time, no verdict on the node.
    await page.getByTestId('test-call-at').fill('');
    await eventually(async () => expect(await verdict.count()).toBe(0));
  });

  it('refuses to delete a calendar a published flow uses, naming the flow', async () => {
    publishVersion(server.db, { flowId, document: hoursFlow(calendar.id), author: 'e2e setup' });
    await page.goto(`${server.baseUrl}/calendars?calendar=${calendar.id}`);
    await page.getByTestId('calendar-delete').click();
    await eventually(async () =>
      expect(await page.getByTestId('calendars-error').textContent()).toBe(
        'The calendar "Accueil Paris" cannot be deleted: the published flow "Standard" uses it. Point their business-hours nodes at another calendar and publish them first.',
      ),
    );
  });
});
