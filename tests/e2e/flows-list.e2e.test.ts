// The flows list in a real browser (Debian's Chromium through playwright-core) against the production server: an
// editor creates, duplicates, imports (a broken file first), exports and deletes flows, and is stopped from deleting
// one that is published and answers a number. No Asterisk is needed.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFlow, listFlows, publishVersion } from '#db/flows.ts';
import { emptyFlowDocument, type FlowDocument } from '#flows/document.ts';
import { smallMenuFlow } from '#flows/testing/documents.ts';
import { VIEWPORT, ENGLISH_LOCALE, eventually, launchChromium, signIn } from './browser/designer-page.ts';
import { STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

let server: DesignerServer;
let browser: Browser;
let page: Page;
let liveFlowId: string;
let receptionId: string;

function receptionFlow(): FlowDocument {
  const document = emptyFlowDocument('Reception');
  document.nodes.push({ id: 'bye', type: 'hangup', position: { x: 300, y: 0 }, data: {} });
  document.edges.push({ id: 'start-next', source: 'start', sourceBranch: 'next', target: 'bye' });
  return document;
}

beforeAll(async () => {
  const live = { ...smallMenuFlow(), name: 'Standard 6003' };
  const started = await startDesignerServer({ flows: [live, receptionFlow()] });
  server = started;
  [liveFlowId, receptionId] = started.flowIds as [string, string];
  // The 6003 flow is published: its number is in service.
  publishVersion(server.db, { flowId: liveFlowId, document: live, author: 'e2e setup', comment: 'in service' });
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE, acceptDownloads: true })
  ).newPage();
  await signIn(page, server.baseUrl, STAFF.editor);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const activeFlows = () => listFlows(server.db);
const row = (flowId: string) => page.locator(`[data-testid="flow-row"][data-flow-id="${flowId}"]`);

async function openList(): Promise<void> {
  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
}

/** Attaches a file to the import form as a person picking it would, and sends the form. */
async function importFile(name: string, content: string): Promise<void> {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await page.getByTestId('import-submit').click();
}

describe('the flows list', () => {
  it('creates a flow and opens it in the editor', async () => {
    await openList();
    const before = activeFlows().length;
    await page.getByTestId('new-flow-name').fill('Accueil');
    await Promise.all([page.waitForURL(/\/flows\/flw_[^/]+\/edit$/), page.getByTestId('new-flow-submit').click()]);
    const flowId = new URL(page.url()).pathname.split('/')[2]!;
    expect(activeFlows()).toHaveLength(before + 1);
    expect(getFlow(server.db, flowId)).toMatchObject({ name: 'Accueil' });
  });

  it('duplicates a flow: same steps, no numbers', async () => {
    await openList();
    const before = new Set(activeFlows().map((flow) => flow.id));
    await Promise.all([
      page.waitForURL((url) => /^\/flows\/flw_[^/]+$/.test(url.pathname)),
      row(liveFlowId).getByTestId('duplicate-flow').click(),
    ]);
    const copyId = new URL(page.url()).pathname.split('/')[2]!;
    expect(before.has(copyId)).toBe(false);
    const copy = getFlow(server.db, copyId)!;
    const original = getFlow(server.db, liveFlowId)!;
    expect(copy.draft.nodes).toEqual(original.draft.nodes);
    expect(copy.draft.edges).toEqual(original.draft.edges);
    expect(copy.draft.numbers).toEqual([]);
  });

  it('refuses a broken file with a clear error and changes nothing, then imports a good one', async () => {
    await openList();
    const before = activeFlows();

    // WHEN the file is cut short
    await importFile('broken.json', '{ "format": 1, "name": "Cut short", "nodes": [');
    // THEN the error says which file and where, and nothing was imported
    const error = page.getByTestId('import-error');
    await error.waitFor();
    const message = (await error.textContent()) ?? '';
    expect(message).toContain('The file "broken.json" is not valid JSON (line 1, column 47)');
    expect(message).toContain('Nothing was imported.');
    expect(activeFlows()).toEqual(before);

    // WHEN the file is JSON but not a flow
    await importFile('not-a-flow.json', JSON.stringify({ hello: 'monde' }));
    await eventually(async () =>
      expect(await page.getByTestId('import-error').textContent()).toContain(
        '"not-a-flow.json" is not a flow document',
      ),
    );
    expect(activeFlows()).toEqual(before);

    // WHEN a good file is imported
    const good = { ...receptionFlow(), name: 'Réception importée' };
    await Promise.all([
      page.waitForURL(/\/flows\/flw_[^/]+\?imported=1$/),
      importFile('reception.json', JSON.stringify(good)),
    ]);
    const importedId = new URL(page.url()).pathname.split('/')[2]!;
    expect(activeFlows()).toHaveLength(before.length + 1);
    expect(getFlow(server.db, importedId)!.draft).toMatchObject({
      name: 'Réception importée',
      nodes: good.nodes,
      edges: good.edges,
    });
  });

  it('exports a flow as a file that is its document', async () => {
    await openList();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row(receptionId).getByTestId('export-flow').click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as FlowDocument;
    const stored = getFlow(server.db, receptionId)!.draft;
    expect(exported).toMatchObject({ name: 'Reception', nodes: stored.nodes, edges: stored.edges });
    expect(download.suggestedFilename()).toMatch(/\.json$/);
  });

  it('asks before deleting, refuses while the flow is published and answers a number, and deletes otherwise', async () => {
    await openList();

    // WHEN they ask to delete the flow that answers 6003, and confirm
    await row(liveFlowId).getByTestId('delete-flow').click();
    const dialog = page.getByTestId('confirm-delete-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Delete “Standard 6003”?');
    await page.getByTestId('confirm-delete').click();

    // THEN it is refused, saying why, and the flow is still there
    const outcome = page.getByTestId('flows-action-message');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(
      '"Standard 6003" was not deleted: it is published and answers the number 6003',
    );
    expect(activeFlows().map((flow) => flow.id)).toContain(liveFlowId);

    // WHEN they ask to delete Reception but cancel
    await openList();
    await row(receptionId).getByTestId('delete-flow').click();
    await dialog.waitFor();
    await page.getByTestId('cancel-delete').click();
    // THEN the dialog closes and nothing is deleted
    await eventually(async () => expect(await dialog.count()).toBe(0));
    expect(activeFlows().map((flow) => flow.id)).toContain(receptionId);

    // WHEN they ask again and confirm (with the keyboard: the dialog's buttons are reachable by Tab)
    await row(receptionId).getByTestId('delete-flow').click();
    await dialog.waitFor();
    await page.getByTestId('confirm-delete').focus();
    await page.keyboard.press('Enter');

    // THEN it leaves the list
    await eventually(async () => expect(await row(receptionId).count()).toBe(0));
    expect(activeFlows().map((flow) => flow.id)).not.toContain(receptionId);
    expect(getFlow(server.db, receptionId)!.archivedAt).not.toBeNull();
  });
});
