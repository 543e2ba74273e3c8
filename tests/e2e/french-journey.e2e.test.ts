// Issue 13's browser test: a French staff account does the whole 6003 journey (open the flow, edit a prompt, make
// and fix a validation error, place a test call, publish) in a real Chromium against the production build, and no
// screen shows an English word of the interface. The browser itself asks for English: the account's setting wins.
// A second test tours every page of the top bar with a browser that asks for French and no setting saved.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getVersion, listVersions } from '#db/flows.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { RING_STRATEGY_INFO } from '#runtime/queue/agent-state-text.ts';
import { DesignerPage, VIEWPORT, eventually, launchChromium, signIn } from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';
import { englishOnlyWords, englishWordsIn } from './browser/english-words.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'tests/e2e/screenshots');
const example = readFileSync(`${REPO_ROOT}/flows/examples/ivr-6003.json`, 'utf8');
const ivr6003 = flowDocumentSchema.parse(JSON.parse(example));
const bilingualExample = readFileSync(`${REPO_ROOT}/flows/examples/ivr-6005.json`, 'utf8');
const ivr6005 = flowDocumentSchema.parse(JSON.parse(bilingualExample));

const NEW_WELCOME = 'Bonjour et bienvenue chez Switchboard, votre standard.';
const NEW_GOODBYE = 'Merci de votre appel, à bientôt.';

// What people typed and what the directory holds may be in any language: they are not the interface's words.
const englishOnly = englishOnlyWords(
  [example, bilingualExample, NEW_WELCOME, NEW_GOODBYE, ...Object.values(STAFF).map((login) => login.username)].join(
    ' ',
  ) +
    ' alice bob julien Alice Martin Bob Durand Julien Petit PJSIP' +
    // The API tokens the test server makes (tests/e2e/browser/designer-server.ts) are named "e2e editor" and "e2e viewer".
    ' e2e editor viewer' +
    // Product names are not words of the interface: the canvas credits React Flow.
    ' React Flow ' +
    // Asterisk's own names of the ring strategies (app_queue), which the departments page gives administrators.
    Object.values(RING_STRATEGY_INFO)
      .map((strategy) => strategy.appQueue)
      .join(' '),
);

let server: DesignerServer & { flowIds: string[] };
let browser: Browser;

beforeAll(async () => {
  server = await startDesignerServer({ flows: [ivr6003, ivr6005] });
  browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Saves the screen as tests/e2e/screenshots/fr-<name>.png and fails on any English word of the interface on it. */
async function checkFrench(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `fr-${name}.png`), fullPage: true });
  const text = await page.evaluate(() => {
    // What a person reads: the text, and the tooltips, labels and placeholders they meet while using the page.
    const attributes = [...document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].flatMap((element) =>
      ['title', 'aria-label', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [document.title, document.body.innerText, ...attributes].join('\n');
  });
  expect(englishWordsIn(text, englishOnly), `English words on the "${name}" screen`).toEqual([]);
}

describe('a French office worker goes through the 6003 journey in French', () => {
  it('chooses French in their settings, edits, fixes, tests and publishes 6003, and every screen reads French', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // GIVEN an editor whose browser asks for English, who chooses French in their settings
    await signIn(page, server.baseUrl, STAFF.editor);
    await page.goto(`${server.baseUrl}/settings`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('#language').selectOption('fr');
    await Promise.all([
      page.waitForResponse(
        (response) => response.url().includes('/settings') && response.request().method() === 'POST',
      ),
      page.locator('button[type=submit].primary').click(),
    ]);
    await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('fr'));
    await checkFrench(page, '01-settings');

    // WHEN they open the 6003 flow from the list
    await page.goto(`${server.baseUrl}/`);
    await checkFrench(page, '02-flows-list');
    await Promise.all([
      page.waitForURL(/\/flows\/flw_[^/]+$/),
      page.getByRole('link', { name: ivr6003.name }).first().click(),
    ]);
    await checkFrench(page, '03-flow-detail');
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[0]}/edit`);
    const designer = new DesignerPage(page);
    await eventually(async () => expect(await designer.nodeIds()).toContain('main-menu'));
    // The whole flow on screen, so every step can be clicked.
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
    await checkFrench(page, '04-editor');

    // ...edit the welcome prompt
    let inspector = await designer.select('welcome');
    await inspector.locator('[data-field="text"]').fill(NEW_WELCOME);
    await designer.waitUntilSaved();
    await checkFrench(page, '05-prompt-edited');

    // ...empty the goodbye prompt by mistake: the problems panel says so, in French
    inspector = await designer.select('goodbye');
    await inspector.locator('[data-field="text"]').fill('');
    await eventually(async () => expect(await designer.errorCount()).toBe(1));
    const [problem] = await designer.diagnostics();
    expect(problem!.code).toBe('node-data-invalid');
    expect(problem!.message).toMatch(/goodbye/);
    await page.getByTestId('publish-open').click();
    expect(await page.getByTestId('publish-submit').isDisabled()).toBe(true);
    await checkFrench(page, '06-validation-error');
    await page.getByTestId('publish-open').click();

    // ...and fix it
    inspector = await designer.select('goodbye');
    await inspector.locator('[data-field="text"]').fill(NEW_GOODBYE);
    await eventually(async () => expect(await designer.errorCount()).toBe(0));
    await designer.waitUntilSaved();

    // ...place a test call: key 2, Bob does not answer, the caller leaves a message and presses #
    await page.getByTestId('test-call-open').click();
    await page.getByTestId('test-call-start').click();
    const steps = () =>
      page
        .getByTestId('test-call-steps')
        .locator('li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-node-id')));
    await eventually(async () => expect(await steps()).toContain('main-menu'), 30_000);
    await page.getByTestId('keypad-2').click();
    await page.getByTestId('dial-question').waitFor({ timeout: 15_000 });
    await checkFrench(page, '07-test-call-ringing');
    await page.getByTestId('dial-answer-no-answer').click();
    // The panel's state says what the call waits for (data-wait), whatever the language: record, then # ends it.
    const callState = page.getByTestId('test-call-state');
    await eventually(async () => expect(await callState.getAttribute('data-wait')).toBe('record'), 30_000);
    await page.getByTestId('keypad-#').click();
    await eventually(async () => expect(await callState.getAttribute('data-status')).toBe('ended'), 30_000);
    expect(await steps()).toEqual(['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob', 'end-call']);
    expect(await page.getByTestId('test-call-steps').textContent()).toContain(NEW_WELCOME);
    await checkFrench(page, '08-test-call-ended');

    // ...and publish it
    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-comment').fill('Nouvel accueil');
    await page.getByTestId('publish-submit').click();
    await eventually(
      async () => expect(await page.getByTestId('published-version').textContent()).toMatch(/1/),
      30_000,
    );
    await checkFrench(page, '09-published');

    // THEN version 1 holds the new prompts, and the journey raised no error in the page
    expect(listVersions(server.db, server.flowIds[0]!).map((version) => version.number)).toEqual([1]);
    const published = JSON.stringify(getVersion(server.db, server.flowIds[0]!, 1)?.document);
    expect(published).toContain(NEW_WELCOME);
    expect(published).toContain(NEW_GOODBYE);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the bilingual 6005 in the language matrix, marks a missing English prompt, and plays each language', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, STAFF.secondEditor);
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[1]}/edit`);
    const designer = new DesignerPage(page);
    await eventually(async () => expect(await designer.nodeIds()).toContain('main-menu'));

    // GIVEN the language matrix of the bilingual menu: every prompt a caller who chose English hears is translated
    await page.getByTestId('languages-open').click();
    const matrix = page.getByTestId('language-matrix');
    await matrix.waitFor();
    const summary = page.getByTestId('language-matrix-summary');
    expect(await summary.getAttribute('data-missing')).toBe('0');
    const columns = await matrix
      .locator('thead th[data-language]')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-language')));
    expect(columns).toEqual(['fr-FR', 'en-GB']);
    // The chooser is heard before any switch: it needs no English text of its own.
    const chooserEnglish = matrix.locator('tr[data-node-id="choose-language"] td[data-language="en-GB"]');
    expect(await chooserEnglish.getAttribute('data-state')).toBe('not-needed');
    await checkFrench(page, '10-language-matrix');

    // WHEN the English goodbye is erased, the matrix marks it missing and validation warns
    const goodbyeEnglish = matrix.locator('tr[data-node-id="goodbye"] td[data-language="en-GB"]');
    await goodbyeEnglish.locator('textarea').fill('');
    await eventually(async () => expect(await goodbyeEnglish.getAttribute('data-state')).toBe('missing'));
    expect(await summary.getAttribute('data-missing')).toBe('1');
    await eventually(async () =>
      expect((await designer.diagnostics()).map((diagnostic) => diagnostic.code)).toContain('prompt-language-missing'),
    );
    await checkFrench(page, '11-language-matrix-missing');

    // ...and typed again, it is complete once more
    await goodbyeEnglish.locator('textarea').fill('Thank you for calling. Goodbye.');
    await eventually(async () => expect(await summary.getAttribute('data-missing')).toBe('0'));
    await designer.waitUntilSaved();

    // THEN the Listen button of the English cell renders the English text with an English voice
    const [preview] = await Promise.all([
      page.waitForRequest((request) => request.url().endsWith('/api/prompt-preview')),
      goodbyeEnglish.getByTestId('listen-button').click(),
    ]);
    expect(JSON.parse(preview.postData() ?? '{}')).toMatchObject({
      text: 'Thank you for calling. Goodbye.',
      language: 'en-GB',
    });
    await context.close();
  });

  it('shows every page of the top bar in French to a browser that asks for French', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, STAFF.admin);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const tour = ['/calls', '/people', '/calendars', '/voicemail', '/conferences', '/departments', '/queues'];
    for (const [index, address] of [...tour, '/admin/users', '/admin/tokens', '/settings'].entries()) {
      await page.goto(server.baseUrl + address);
      await checkFrench(page, `tour-${String(index + 1).padStart(2, '0')}${address.replace(/\//g, '-')}`);
    }
    await context.close();
  });
});
