// The designer in a real browser (Debian's Chromium through playwright-core) against the production build served by
// server/main.ts, as `npm start` runs it: a person signs in, draws the 6003 IVR with the mouse, publishes it; two
// people edit one flow at once; a viewer and a stranger try to change things. No Asterisk is needed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFlow, listFlows, listVersions } from '#db/flows.ts';
import { emptyFlowDocument, type FlowDocument } from '#flows/document.ts';
import {
  DesignerPage,
  VIEWPORT,
  ENGLISH_LOCALE,
  csrfTokenOf,
  eventually,
  launchChromium,
  signIn,
} from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

/**
 * Where the screenshots of the drawn IVR go: tests/e2e/screenshots/, which CI keeps as artifacts and git ignores
 * (SCREENSHOT_DIR to keep them elsewhere).
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'tests/e2e/screenshots');

let server: DesignerServer;
let sharedFlowId: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A small flow two people will edit at once, and a viewer will try to change. */
function receptionFlow(): FlowDocument {
  const document = emptyFlowDocument('Reception');
  document.nodes.push({ id: 'bye', type: 'hangup', position: { x: 300, y: 0 }, data: {} });
  document.edges.push({ id: 'start-next', source: 'start', sourceBranch: 'next', target: 'bye' });
  return document;
}

beforeAll(async () => {
  const started = await startDesignerServer({ flows: [receptionFlow()] });
  server = started;
  sharedFlowId = started.flowIds[0]!;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

/** A fresh browser context (its own cookies: another person, or another machine) at the suite's viewport. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
  contexts.push(context);
  return context;
}

function runCli(args: string[]) {
  const result = spawnSync('npx', ['tsx', 'cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_DB: server.dbFile, SWITCHBOARD_LOG: 'warn' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('an editor draws the 6003 IVR with the mouse and publishes it', () => {
  it('builds it from an empty flow, is stopped by an unconnected key, publishes, and finds it all after a reload', async () => {
    const page = await (await newContext()).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // GIVEN an editor signed in through the form
    await signIn(page, server.baseUrl, STAFF.editor);
    expect(new URL(page.url()).pathname).toBe('/');

    // (A blank name, which the browser's own check would stop, is refused by the server too, creating nothing.)
    const flowsBefore = listFlows(server.db).length;
    const blank = await page.evaluate(
      async (csrf) => {
        const response = await fetch('/?index', {
          method: 'POST',
          body: new URLSearchParams({ csrf, intent: 'create', name: '   ' }),
        });
        return response.status;
      },
      await csrfTokenOf(page),
    );
    expect(blank).toBe(400);
    expect(listFlows(server.db)).toHaveLength(flowsBefore);

    // WHEN they create a new flow from the flows list
    await page.getByTestId('new-flow-name').fill('Standard 6003');
    await Promise.all([page.waitForURL(/\/flows\/flw_[^/]+\/edit$/), page.getByTestId('new-flow-submit').click()]);
    const flowId = new URL(page.url()).pathname.split('/')[2]!;
    const designer = new DesignerPage(page);

    // THEN the canvas holds the Start step alone
    await eventually(async () => expect(await designer.nodeIds()).toEqual(['start']));
    expect(await designer.edgeCount()).toBe(0);

    // Room for the whole IVR on a 1280 px screen: zoom out, then bring the area to draw on to the middle.
    await designer.zoomOut(4);
    const box = (await designer.canvas.boundingBox())!;
    const middleOfDrawing = await designer.flowToScreen({ x: 570, y: 140 });
    const grab = { x: box.x + 60, y: box.y + 60 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(
      grab.x - (middleOfDrawing.x - (box.x + box.width / 2)),
      grab.y - (middleOfDrawing.y - (box.y + box.height / 2)),
      {
        steps: 10,
      },
    );
    await page.mouse.up();

    // WHEN they drag every step from the palette (document coordinates of each node's corner)
    const welcome = await designer.dropFromPalette('say', { x: 300, y: 0 });
    const menu = await designer.dropFromPalette('menu', { x: 600, y: 0 });
    const dialAlice = await designer.dropFromPalette('dial', { x: 900, y: -300 });
    const dialBob = await designer.dropFromPalette('dial', { x: 900, y: 0 });
    const dialJulien = await designer.dropFromPalette('dial', { x: 900, y: 300 });
    const invalid = await designer.dropFromPalette('say', { x: 600, y: 330 });
    const noInput = await designer.dropFromPalette('say', { x: 600, y: 480 });
    expect(await designer.nodeIds()).toHaveLength(8);

    // ...and fill in each one in the inspector
    let inspector = await designer.select(welcome);
    await inspector.locator('[data-field="text"]').fill('Bonjour, et bienvenue à la plateforme');
    inspector = await designer.select(invalid);
    await inspector.locator('[data-field="text"]').fill('Option non valide.');
    inspector = await designer.select(noInput);
    await inspector.locator('[data-field="text"]').fill("Vous n'avez pas saisi d'option.");
    inspector = await designer.select(menu);
    await inspector
      .locator('[data-field="prompt.text"]')
      .fill('Appuyez sur 1 pour le service compte, sur 2 pour le service RH, sur 3 pour le service informatique.');
    await inspector.locator('[data-field="options.0.label"]').fill('Compte');
    await inspector.locator('[data-field="options.1.label"]').fill('RH');
    for (const [dial, username] of [
      [dialAlice, 'alice'],
      [dialBob, 'bob'],
      [dialJulien, 'julien'],
    ] as const) {
      inspector = await designer.select(dial);
      await inspector.locator('[data-field="target.kind"]').selectOption('user');
      await inspector.locator('[data-field="target.username"]').fill(username);
    }

    // ...and connect the branches by dragging from handle to handle
    await designer.connect('start', 'next', welcome);
    await designer.connect(welcome, 'next', menu);
    await designer.connect(menu, '1', dialAlice);
    await designer.connect(menu, '2', dialBob);
    await designer.connect(menu, 'invalid', invalid);
    await designer.connect(menu, 'timeout', noInput);
    await designer.connect(invalid, 'next', welcome);
    await designer.connect(noInput, 'next', welcome);

    // ...then add key 3 to the menu, without connecting it yet
    inspector = await designer.select(menu);
    await inspector.getByTestId('menu-add-option').click();
    await inspector.locator('[data-field="options.2.label"]').fill('Informatique');

    // THEN the problems panel names the unconnected key (and warns that Julien's dial cannot be reached yet), and
    // publishing is blocked
    await eventually(async () => {
      expect(await designer.diagnostics()).toEqual([
        {
          code: 'branch-unconnected',
          message: `Menu "${menu}": the branch "3: Informatique" is not connected to a next step.`,
        },
        { code: 'node-unreachable', message: `Dial "${dialJulien}": no call can reach this node from Start.` },
      ]);
    });
    expect(await designer.errorCount()).toBe(1);
    await expect(designer.node(menu).getByTestId(`node-badge-${menu}`).textContent()).resolves.toBe('1 error');
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-blocked').textContent()).resolves.toContain('Fix 1 error first');
    expect(await page.getByTestId('publish-submit').isDisabled()).toBe(true);
    await page.getByTestId('publish-open').click();

    // WHEN they connect key 3 to Julien's dial, and give the flow its number
    await designer.connect(menu, '3', dialJulien);
    await designer.clickEmptyCanvas();
    await page.getByTestId('tab-flow').click();
    await page.getByTestId('add-number').click();
    await page.locator('[data-field="numbers.0"]').fill('6003');

    // THEN there is no problem left, and the draft reaches the server
    await eventually(async () => expect(await designer.diagnostics()).toEqual([]));
    await designer.waitUntilSaved();
    const saved = getFlow(server.db, flowId)!;
    expect(saved.draft.nodes).toHaveLength(8);
    expect(saved.draft.edges).toHaveLength(9);
    expect(saved.draft.numbers).toEqual(['6003']);
    expect(saved.createdBy).toBe(STAFF.editor.username);

    // WHEN they publish with a comment
    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-comment').fill('Standard 6003 drawn by hand');
    expect(await page.getByTestId('publish-blocked').count()).toBe(0);
    await page.getByTestId('publish-submit').click();

    // THEN version 1 is live
    await eventually(
      async () => expect(await page.getByTestId('publish-result').textContent()).toContain('Version 1 is live'),
      60_000,
    );
    await expect(page.getByTestId('published-version').textContent()).resolves.toBe('Live: version 1');
    expect(listVersions(server.db, flowId)).toEqual([
      expect.objectContaining({ number: 1, comment: 'Standard 6003 drawn by hand', author: STAFF.editor.username }),
    ]);

    // WHEN they reload the page
    await page.reload();

    // THEN everything is still there
    await eventually(async () =>
      expect((await designer.nodeIds()).sort()).toEqual(
        ['start', welcome, menu, dialAlice, dialBob, dialJulien, invalid, noInput].sort(),
      ),
    );
    await eventually(async () => expect(await designer.edgeCount()).toBe(9));
    await expect(designer.node(welcome).textContent()).resolves.toContain('Bonjour, et bienvenue à la plateforme');
    await expect(designer.node(menu).textContent()).resolves.toContain('3: Informatique');
    await expect(designer.node(dialJulien).textContent()).resolves.toContain('Ring person julien');
    await expect(page.getByTestId('published-version').textContent()).resolves.toBe('Live: version 1');
    expect(await designer.saveState()).toBe('saved');
    expect(await designer.errorCount()).toBe(0);

    // A picture of the drawn IVR at 1280 px, for a person to look at.
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(500);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'designer-6003.png') });

    // AND the published version passes the command line's validation too
    const work = mkdtempSync(path.join(tmpdir(), 'switchboard-designer-cli-'));
    try {
      const file = path.join(work, 'f.json');
      const exported = runCli(['flows', 'export', flowId, '--published', '--out', file]);
      expect(exported.code, exported.err).toBe(0);
      const document = JSON.parse(readFileSync(file, 'utf8')) as FlowDocument;
      expect(document).toMatchObject({ name: 'Standard 6003', numbers: ['6003'] });
      expect(document.nodes).toHaveLength(8);
      expect(document.edges).toHaveLength(9);
      expect(
        document.nodes.filter((node) => node.type === 'dial').map((node) => (node.data as { target: unknown }).target),
      ).toEqual([
        { kind: 'user', username: 'alice' },
        { kind: 'user', username: 'bob' },
        { kind: 'user', username: 'julien' },
      ]);
      const validated = runCli(['flows', 'validate', file]);
      expect(validated.code, `${validated.out}\n${validated.err}`).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('two people edit the same flow', () => {
  it('shows the second saver a conflict, keeps both edits, and lets them load the other version', async () => {
    const editor = (id: string) => `/flows/${id}/edit`;
    // GIVEN two editors, each in their own browser, with the same flow open at revision 1
    const first = await (await newContext()).newPage();
    const second = await (await newContext()).newPage();
    await signIn(first, server.baseUrl, STAFF.editor);
    await signIn(second, server.baseUrl, STAFF.secondEditor);
    await first.goto(server.baseUrl + editor(sharedFlowId));
    await second.goto(server.baseUrl + editor(sharedFlowId));
    const a = new DesignerPage(first);
    const b = new DesignerPage(second);
    // (A page opened straight from its address is drawn once hydrated: slow on a busy machine.)
    await eventually(async () => expect(await a.nodeIds()).toEqual(['start', 'bye']), 30_000);
    await eventually(async () => expect(await b.nodeIds()).toEqual(['start', 'bye']), 30_000);
    const revisionBefore = getFlow(server.db, sharedFlowId)!.revision;

    // WHEN the first changes the description and it is saved
    await first.getByTestId('tab-flow').click();
    await first.locator('[data-field="description"]').fill('Opening hours changed by Edith');
    await a.waitUntilSaved();
    expect(getFlow(server.db, sharedFlowId)).toMatchObject({
      revision: revisionBefore + 1,
      description: 'Opening hours changed by Edith',
    });

    // ...and the second, still on the old revision, adds a step and renames the flow
    const added = await b.dropFromPalette('say', { x: 300, y: 200 });
    await b.clickEmptyCanvas();
    await second.getByTestId('tab-flow').click();
    await second.locator('[data-field="name"]').fill('Reception (Ernest)');

    // THEN the second gets the conflict banner, and nothing of theirs is saved over the first's edit
    await eventually(async () => expect(await second.getByTestId('conflict-banner').isVisible()).toBe(true), 15_000);
    expect(await b.saveState()).toBe('conflict');
    const stored = getFlow(server.db, sharedFlowId)!;
    expect(stored).toMatchObject({
      revision: revisionBefore + 1,
      name: 'Reception',
      description: 'Opening hours changed by Edith',
    });
    expect(stored.draft.nodes.map((node) => node.id)).toEqual(['start', 'bye']);

    // AND the second still sees their own edit, and may download it before reloading
    expect(await b.nodeIds()).toEqual(['start', 'bye', added]);
    expect(await second.locator('[data-field="name"]').inputValue()).toBe('Reception (Ernest)');
    const download = await second.getByTestId('conflict-download').getAttribute('href');
    const mine = JSON.parse(decodeURIComponent(download!.slice(download!.indexOf(',') + 1))) as FlowDocument;
    expect(mine.name).toBe('Reception (Ernest)');
    expect(mine.nodes.map((node) => node.id)).toContain(added);

    // WHEN the second loads the other version
    await second.getByTestId('conflict-reload').click();

    // THEN they see the first's edit, without the conflict, and may go on editing
    await eventually(async () => expect(await second.getByTestId('conflict-banner').count()).toBe(0));
    await eventually(async () => expect(await b.nodeIds()).toEqual(['start', 'bye']));
    expect(await b.saveState()).toBe('saved');
    await second.getByTestId('tab-flow').click();
    expect(await second.locator('[data-field="description"]').inputValue()).toBe('Opening hours changed by Edith');
    await second.locator('[data-field="name"]').fill('Reception (after reload)');
    await b.waitUntilSaved();
    expect(getFlow(server.db, sharedFlowId)).toMatchObject({
      revision: revisionBefore + 2,
      name: 'Reception (after reload)',
      description: 'Opening hours changed by Edith',
    });
  });
});

describe('people who may not change flows', () => {
  it('shows a viewer the editor read-only and refuses their direct requests', async () => {
    const page = await (await newContext()).newPage();
    await signIn(page, server.baseUrl, STAFF.viewer);
    const before = getFlow(server.db, sharedFlowId)!;
    const flowCount = listFlows(server.db).length;

    // The flows list offers them no "new flow" form; they can read the flow's page.
    await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
    expect(await page.getByTestId('new-flow-form').count()).toBe(0);
    expect((await page.goto(`${server.baseUrl}/flows/${sharedFlowId}`))!.status()).toBe(200);

    // The editor page opens read-only: the canvas and the inspector, without palette, saving or publishing.
    const editorPage = await page.goto(`${server.baseUrl}/flows/${sharedFlowId}/edit`);
    expect(editorPage!.status()).toBe(200);
    const designer = new DesignerPage(page);
    const drawnIds = before.draft.nodes.map((node) => node.id);
    await eventually(async () => expect(await designer.nodeIds()).toEqual(drawnIds), 20_000);
    await page.getByTestId('read-only-note').waitFor();
    for (const control of [
      'palette',
      'toggle-palette',
      'publish-open',
      'save-state',
      'undo',
      'redo',
      'auto-layout',
      'test-call-open',
    ]) {
      expect(await page.getByTestId(control).count(), control).toBe(0);
    }
    // They may select a step and read its settings, which are shown but cannot be changed.
    const inspector = await designer.select('bye');
    expect(await inspector.getByTestId('delete-node').isDisabled()).toBe(true);
    expect(await page.getByTestId('inspector-fieldset').getAttribute('disabled')).not.toBeNull();
    await page.getByTestId('tab-flow').click();
    const nameField = page.locator('[data-field="name"]');
    expect(await nameField.inputValue()).toBe(before.name);
    expect(await nameField.isDisabled()).toBe(true);
    // Dragging a node leaves it where it was; Delete and Ctrl+V change nothing (the node is still selected).
    await page.getByTestId('tab-step').click();
    // (The wrapper's transform is the node's place in the flow; the drag may pan the view, never move the node.)
    const placeOf = () =>
      designer.node('bye').evaluate((element) => element.closest<HTMLElement>('.react-flow__node')!.style.transform);
    const placeBefore = await placeOf();
    const title = await designer.node('bye').locator('.canvas-node-title').boundingBox();
    await page.mouse.move(title!.x + 5, title!.y + 5);
    await page.mouse.down();
    await page.mouse.move(title!.x + 120, title!.y + 90, { steps: 8 });
    await page.mouse.up();
    expect(await placeOf()).toBe(placeBefore);
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    expect(await designer.nodeIds()).toEqual(drawnIds);
    // Zooming still works.
    const width = async () =>
      (await designer.flowToScreen({ x: 100, y: 0 })).x - (await designer.flowToScreen({ x: 0, y: 0 })).x;
    const widthBefore = await width();
    await designer.zoomOut(1);
    expect(await width()).toBeLessThan(widthBefore);

    // Requests sent from their own signed-in page, with their valid CSRF token, are refused all the same.
    await page.goto(`${server.baseUrl}/flows/${sharedFlowId}`);
    const csrf = await csrfTokenOf(page);
    expect(csrf).not.toBe('');
    const statuses = await page.evaluate(
      async ({ flowId, csrf, revision, document }) => {
        const post = (url: string, init: RequestInit) =>
          fetch(url, { method: 'POST', ...init }).then((response) => response.status);
        const json = (body: unknown) => ({
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return {
          save: await post(
            `/flows/${flowId}/edit`,
            json({ intent: 'save', revision, document: { ...document, name: 'Viewer was here' }, csrf }),
          ),
          publish: await post(`/flows/${flowId}/edit`, json({ intent: 'publish', revision, comment: 'viewer', csrf })),
          newFlow: await post('/?index', {
            body: new URLSearchParams({ csrf, intent: 'create', name: 'Viewer flow' }),
          }),
        };
      },
      { flowId: sharedFlowId, csrf, revision: before.revision, document: before.draft },
    );
    expect(statuses).toEqual({ save: 403, publish: 403, newFlow: 403 });

    // The API refuses a viewer token's writes.
    const api = (method: string, url: string, token: string | null, body?: unknown) =>
      fetch(server.baseUrl + url, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.status);
    const viewer = server.tokens.viewer;
    expect(
      await api('PUT', `/api/flows/${sharedFlowId}/draft`, viewer, {
        document: { ...before.draft, name: 'Via API' },
        revision: before.revision,
      }),
    ).toBe(403);
    expect(await api('POST', `/api/flows/${sharedFlowId}/publish`, viewer, { comment: 'viewer' })).toBe(403);
    expect(await api('POST', '/api/flows', viewer, { document: emptyFlowDocument('Viewer API flow') })).toBe(403);
    expect(await api('GET', `/api/flows/${sharedFlowId}`, viewer)).toBe(200);

    // Nothing changed.
    expect(getFlow(server.db, sharedFlowId)).toMatchObject({ revision: before.revision, name: before.name });
    expect(listVersions(server.db, sharedFlowId)).toEqual([]);
    expect(listFlows(server.db)).toHaveLength(flowCount);
  });

  it('sends a signed-out visitor to sign in (and back), and the API refuses a missing or wrong token', async () => {
    const page = await (await newContext()).newPage();
    const editorPath = `/flows/${sharedFlowId}/edit`;

    await page.goto(server.baseUrl + editorPath);
    const signInUrl = new URL(page.url());
    expect(signInUrl.pathname).toBe('/sign-in');
    expect(signInUrl.searchParams.get('redirectTo')).toBe(editorPath);
    expect(await page.getByTestId('flow-editor').count()).toBe(0);
    // Signing in as an editor brings them back to the page they asked for.
    await signIn(page, server.baseUrl, STAFF.editor, '');
    expect(new URL(page.url()).pathname).toBe(editorPath);
    await eventually(async () => expect(await new DesignerPage(page).nodeIds()).toContain('start'), 30_000);

    const before = getFlow(server.db, sharedFlowId)!;
    const put = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/api/flows/${sharedFlowId}/draft`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ document: { ...before.draft, name: 'Anonymous' }, revision: before.revision }),
      }).then((response) => response.status);
    expect(await put({})).toBe(401);
    expect(await put({ Authorization: `Bearer sbt_${'A'.repeat(43)}` })).toBe(401);
    const last = server.tokens.editor.at(-1) === 'A' ? 'B' : 'A';
    expect(await put({ Authorization: `Bearer ${server.tokens.editor.slice(0, -1)}${last}` })).toBe(401);
    expect((await fetch(`${server.baseUrl}/api/flows`)).status).toBe(401);
    expect(getFlow(server.db, sharedFlowId)).toMatchObject({ revision: before.revision, name: before.name });
  });
});
