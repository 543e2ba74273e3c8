// The flow pages' actions through real HTTP, as app.test.ts does it: createApp (Vite compiling the app) on a
// loopback port, a real SQLite file and prompt store, a signed-in "browser" posting the pages' forms with CSRF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createApiToken, createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import { createCallRecorder } from '#db/calls.ts';
import { createFlow, getFlow, getVersion, listFlows, listVersions, publishVersion } from '#db/flows.ts';
import { frenchFlow, type TempDatabase } from '#db/testing/temp-database.ts';
import { spokenPromptsOf } from '#flows/prompts.ts';
import { REDACTED_SECRET, redactFlowSecretsForViewer, withoutRedactionDiagnostics } from '#flows/redact.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';
import { validateFlow } from '#flows/validate.ts';

let temp: TempDatabase;
let testApp: TestApp;
let base: string;
let prompts: TestApp['prompts'];

beforeAll(async () => {
  testApp = await startTestApp('flow-pages');
  ({ base, temp } = testApp);
  prompts = testApp.prompts;
}, 120_000);

afterAll(() => testApp?.close());

/** A signed-in browser in miniature: sends its session cookie, does not follow redirects, posts with the CSRF token. */
class Visitor {
  private constructor(
    readonly username: string,
    private readonly session: string,
    readonly csrf: string,
  ) {}

  static async signedInAs(role: StaffRole): Promise<Visitor> {
    const account = await createStaffAccount(temp.db, {
      username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
      password: 'long enough password',
      role,
    });
    const session = createStaffSession(temp.db, account.id);
    return new Visitor(account.username, session.id, session.csrfToken);
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Cookie', `sb_session=${this.session}`);
    // The suite reads the pages in English, the language its expected sentences are written in.
    if (!headers.has('Accept-Language')) headers.set('Accept-Language', 'en');
    if (init.method === 'POST') {
      headers.set('Origin', base);
      headers.set('Sec-Fetch-Site', 'same-origin');
    }
    return fetch(base + path, { ...init, headers, redirect: 'manual' });
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.request(path);
    return { status: response.status, html: await response.text() };
  }

  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: this.csrf, ...fields }),
    });
  }

  /** The import form as a browser sends it: multipart, with the file in the "file" field. */
  uploadFlowFile(fileName: string, text: string): Promise<Response> {
    const form = new FormData();
    form.set('csrf', this.csrf);
    form.set('intent', 'import');
    form.set('file', new Blob([text], { type: 'application/json' }), fileName);
    return this.request('/?index', { method: 'POST', body: form });
  }
}

/** React Router answers a page's POST with the page itself, its HTML escaping quotes and apostrophes. */
function unescapeHtml(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

function flowIdFromLocation(response: Response): string {
  const id = /^\/flows\/(flw_[\w-]+)/.exec(response.headers.get('Location') ?? '')?.[1];
  if (!id)
    throw new Error(`Expected a redirect to a flow page, got ${response.status} ${response.headers.get('Location')}`);
  return id;
}

describe("a flow's page", () => {
  it("judges the draft in the reader's language, with the same codes", async () => {
    const viewer = await Visitor.signedInAs('viewer');
    const broken = frenchFlow('Judged in two languages', []);
    broken.edges = [];
    const { flowId } = createFlow(temp.db, { document: broken, author: 'test' });
    const read = async (language: string) =>
      unescapeHtml(
        await (await viewer.request(`/flows/${flowId}`, { headers: { 'Accept-Language': language } })).text(),
      );

    expect(await read('fr-FR')).toContain(
      "Début « start » : la sortie « Arrivée de l'appel » n'est reliée à aucune étape suivante.",
    );
    expect(await read('en-GB')).toContain('Start "start": the branch "Call arrives" is not connected to a next step.');
  });
});

describe('flows list actions', () => {
  it('duplicates a flow as a copy without its numbers', async () => {
    const editor = await Visitor.signedInAs('editor');
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Reception', ['7001']), author: 'test' });

    const response = await editor.postForm('/?index', { intent: 'duplicate', flowId });

    expect(response.status).toBe(302);
    const copyId = flowIdFromLocation(response);
    expect(copyId).not.toBe(flowId);
    const copy = getFlow(temp.db, copyId)!;
    expect(copy.name).toBe('Copy of Reception');
    expect(copy.draft.numbers).toEqual([]);
    expect(copy.draft.nodes).toEqual(getFlow(temp.db, flowId)!.draft.nodes);
  });

  it('asks for confirmation, refuses to delete while bound (naming the numbers), and deletes once out of service', async () => {
    const editor = await Visitor.signedInAs('editor');
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Night line', ['7201', '7202']), author: 'test' });
    publishVersion(temp.db, { flowId, document: getFlow(temp.db, flowId)!.draft, author: 'test' });

    // A delete without the confirmation goes back to the list, which opens its confirmation dialog for that flow
    // (a client-side modal: tests/e2e/flows-list.e2e.test.ts drives it in the browser).
    const unconfirmed = await editor.postForm('/?index', { intent: 'delete', flowId });
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get('Location')).toBe(`/?confirmDelete=${flowId}`);
    expect((await editor.page(`/?confirmDelete=${flowId}`)).html).toMatch(
      new RegExp(String.raw`confirmDelete\\?",\\?"` + flowId),
    );
    expect(getFlow(temp.db, flowId)!.archivedAt).toBeNull();

    const refused = await editor.postForm('/?index', { intent: 'delete', flowId, confirmed: 'yes' });
    expect(refused.status).toBe(409);
    const refusal = unescapeHtml(await refused.text());
    expect(refusal).toContain('"Night line" was not deleted: it is published and answers the numbers 7201, 7202.');
    expect(refusal).toContain('Take 7201, 7202 out of service');
    expect(listFlows(temp.db).map((flow) => flow.id)).toContain(flowId);

    const unbound = await editor.postForm('/?index', { intent: 'unbind', flowId });
    expect(unbound.status).toBe(200);
    expect(getFlow(temp.db, flowId)!.boundNumbers).toEqual([]);

    const deleted = await editor.postForm('/?index', { intent: 'delete', flowId, confirmed: 'yes' });
    expect(deleted.status).toBe(302);
    expect(listFlows(temp.db).map((flow) => flow.id)).not.toContain(flowId);
    expect(getFlow(temp.db, flowId)!.archivedAt).not.toBeNull();
  });

  it('refuses a broken JSON file saying the line and column, and creates nothing', async () => {
    const editor = await Visitor.signedInAs('editor');
    const before = listFlows(temp.db).length;

    const response = await editor.uploadFlowFile('broken.json', '{\n  "format": 1,\n  "name": "x",,\n}');

    expect(response.status).toBe(400);
    const html = unescapeHtml(await response.text());
    expect(html).toContain('The file "broken.json" is not valid JSON (line 3, column 15)');
    expect(html).toContain('Nothing was imported.');
    expect(listFlows(temp.db).length).toBe(before);

    const shapeless = await editor.uploadFlowFile('shapeless.json', '{"format": 1, "nodes": "many"}');
    expect(shapeless.status).toBe(400);
    expect(unescapeHtml(await shapeless.text())).toContain(
      'The file "shapeless.json" is not a flow document; nothing was imported.',
    );
    expect(listFlows(temp.db).length).toBe(before);
  });

  it('exports the draft and a published version, and the file imports back as a new draft showing its validation', async () => {
    const editor = await Visitor.signedInAs('editor');
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Export me', ['7401']), author: 'test' });
    const published = frenchFlow('Export me', ['7401']);
    published.description = 'as published';
    publishVersion(temp.db, { flowId, document: published, author: 'test' });

    const exported = await editor.request(`/flows/${flowId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('Content-Disposition')).toBe('attachment; filename="Export-me.json"');
    const file = await exported.text();
    expect(JSON.parse(file)).toEqual(getFlow(temp.db, flowId)!.draft);

    const version = await editor.request(`/flows/${flowId}/export?version=1`);
    expect(version.headers.get('Content-Disposition')).toBe('attachment; filename="Export-me-v1.json"');
    expect(JSON.parse(await version.text())).toEqual(getVersion(temp.db, flowId, 1)!.document);
    expect((await editor.request(`/flows/${flowId}/export?version=9`)).status).toBe(404);

    const imported = await editor.uploadFlowFile('Export-me.json', file);
    expect(imported.status).toBe(302);
    const importedId = flowIdFromLocation(imported);
    expect(importedId).not.toBe(flowId);
    expect(getFlow(temp.db, importedId)!.draft).toEqual(JSON.parse(file));
    // Its numbers are held by the original: the new draft's page says so.
    const page = unescapeHtml((await editor.page(`/flows/${importedId}?imported=1`)).html);
    expect(page).toContain('Imported as a new flow draft');
    expect(page).toMatch(/7401[^<]*Export me/);
    expect(page).not.toContain('No problems found.');
  });
});

describe('version history', () => {
  it('shows a version read-only and reverts to it as version N+1 with the old document and its prompts', async () => {
    const editor = await Visitor.signedInAs('editor');
    const first = frenchFlow('Switchboard desk', ['7501']);
    // A sentence only this version speaks: published straight into storage, so nothing has rendered it yet.
    first.nodes[1]!.data = { text: `Version une du standard ${Date.now()}.`, language: 'fr-FR' };
    const firstPrompts = spokenPromptsOf(validateFlow(first).typed!).map((spec) => prompts.keyFor(spec));
    const { flowId } = createFlow(temp.db, { document: first, author: 'test' });
    publishVersion(temp.db, { flowId, document: first, author: 'alice', comment: 'first cut' });
    const second = frenchFlow('Switchboard desk, new', ['7501']);
    publishVersion(temp.db, { flowId, document: second, author: 'bob', comment: 'renamed' });

    const detail = (await editor.page(`/flows/${flowId}`)).html;
    expect(detail).toContain(`href="/flows/${flowId}/versions/1"`);
    expect(detail).toContain(`action="/flows/${flowId}/versions/1"`);
    const view = await editor.page(`/flows/${flowId}/versions/1`);
    expect(view.status).toBe(200);
    expect(view.html).toContain('first cut');
    expect(view.html).toContain('alice');
    expect(view.html).toContain('data-testid="version-graph"');
    expect(view.html).toContain('data-testid="revert-form"');
    expect((await editor.page(`/flows/${flowId}/versions/7`)).status).toBe(404);

    expect(firstPrompts.filter((key) => prompts.has(key))).toEqual([]);
    const reverted = await editor.postForm(`/flows/${flowId}/versions/1`, { comment: 'second was wrong' });
    expect(reverted.status).toBe(302);
    expect(reverted.headers.get('Location')).toBe(`/flows/${flowId}?reverted=3`);
    const third = getVersion(temp.db, flowId, 3)!;
    expect(third).toMatchObject({ author: editor.username, comment: 'second was wrong', revertedFrom: 1 });
    expect(third.document).toEqual(getVersion(temp.db, flowId, 1)!.document);
    expect(getFlow(temp.db, flowId)!.draft).toEqual(third.document);
    expect(getFlow(temp.db, flowId)!.boundNumbers).toEqual(['7501']);
    expect(firstPrompts.filter((key) => prompts.has(key))).toEqual(firstPrompts);
  });

  it('says which number blocks a revert when another flow took it since, and changes nothing', async () => {
    const editor = await Visitor.signedInAs('editor');
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Old hotline', ['7601']), author: 'test' });
    publishVersion(temp.db, { flowId, document: frenchFlow('Old hotline', ['7601']), author: 'test' });
    publishVersion(temp.db, { flowId, document: frenchFlow('Old hotline', []), author: 'test' });
    const { flowId: otherId } = createFlow(temp.db, { document: frenchFlow('New hotline', ['7601']), author: 'test' });
    publishVersion(temp.db, { flowId: otherId, document: frenchFlow('New hotline', ['7601']), author: 'test' });

    const refused = await editor.postForm(`/flows/${flowId}/versions/1`, { comment: '' });

    expect(refused.status).toBe(409);
    const html = unescapeHtml(await refused.text());
    expect(html).toContain('Version 1 cannot be published again as it is; nothing was changed.');
    expect(html).toMatch(/7601[^<]*New hotline/);
    expect(listVersions(temp.db, flowId).map((version) => version.number)).toEqual([2, 1]);
  });
});

describe('roles', () => {
  it('refuses a viewer who posts duplicate, delete, import or revert (403), and changes nothing', async () => {
    const viewer = await Visitor.signedInAs('viewer');
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Viewer sees', []), author: 'test' });
    publishVersion(temp.db, { flowId, document: frenchFlow('Viewer sees', []), author: 'test' });
    const flowsBefore = listFlows(temp.db).length;

    expect((await viewer.postForm('/?index', { intent: 'duplicate', flowId })).status).toBe(403);
    expect((await viewer.postForm('/?index', { intent: 'delete', flowId, confirmed: 'yes' })).status).toBe(403);
    expect((await viewer.postForm('/?index', { intent: 'unbind', flowId })).status).toBe(403);
    expect((await viewer.uploadFlowFile('ok.json', JSON.stringify(frenchFlow('Sneaky', [])))).status).toBe(403);
    expect((await viewer.postForm(`/flows/${flowId}/versions/1`, { comment: 'sneaky' })).status).toBe(403);

    expect(listFlows(temp.db).length).toBe(flowsBefore);
    expect(listVersions(temp.db, flowId)).toHaveLength(1);
    // Viewers still read: the list without editor buttons, the version page without Revert, the export.
    const list = (await viewer.page('/')).html;
    expect(list).toContain('data-testid="export-flow"');
    expect(list).not.toContain('data-testid="duplicate-flow"');
    expect((await viewer.page(`/flows/${flowId}/versions/1`)).html).not.toContain('data-testid="revert-form"');
    expect((await viewer.request(`/flows/${flowId}/export`)).status).toBe(200);
  });
});

describe('conference PINs and viewers', () => {
  // Distinctive PINs, so a stray occurrence in a page cannot be anything else.
  const PARTICIPANT_PIN = '918273';
  const MODERATOR_PIN = '564738';

  function roomFlow() {
    const document = JSON.parse(
      readFileSync(new URL('../flows/examples/conference-7000.json', import.meta.url), 'utf8'),
    );
    document.numbers = ['7123'];
    for (const node of document.nodes) {
      if (node.type !== 'conference') continue;
      node.data = { ...node.data, room: '7123', participantPin: PARTICIPANT_PIN, moderatorPin: MODERATOR_PIN };
    }
    return document;
  }

  async function text(response: Response): Promise<string> {
    expect(response.status).toBe(200);
    return response.text();
  }

  it('hides them from viewers on every page, in the API and in exports; editors still see them', async () => {
    // GIVEN a room with PINs, published, a call recorded in it, and a viewer and an editor (page sessions and tokens)
    const { flowId } = createFlow(temp.db, { document: roomFlow(), author: 'test' });
    const { versionId } = publishVersion(temp.db, { flowId, document: roomFlow(), author: 'test' });
    const callId = createCallRecorder(temp.db).startCall({
      channelId: 'pin-test',
      dialledNumber: '7123',
      callerNumber: '0600',
      callerName: '',
      simulated: false,
      flowId,
      versionId,
      startedAt: Date.now(),
    });
    const viewer = await Visitor.signedInAs('viewer');
    const editor = await Visitor.signedInAs('editor');
    const admin = await createStaffAccount(temp.db, {
      username: 'pin-admin',
      password: 'long enough password',
      role: 'admin',
    });
    const viewerToken = createApiToken(temp.db, { name: 'v', role: 'viewer', accountId: admin.id }).secret;
    const editorToken = createApiToken(temp.db, { name: 'e', role: 'editor', accountId: admin.id }).secret;
    const api = (path: string, token: string) => fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });

    // WHEN the viewer reads the flow every way there is
    const seenByViewer = {
      detail: await text(await viewer.request(`/flows/${flowId}`)),
      editor: await text(await viewer.request(`/flows/${flowId}/edit`)),
      version: await text(await viewer.request(`/flows/${flowId}/versions/1`)),
      exportDraft: await text(await viewer.request(`/flows/${flowId}/export`)),
      exportVersion: await text(await viewer.request(`/flows/${flowId}/export?version=1`)),
      call: await text(await viewer.request(`/calls/${callId}`)),
      apiFlow: await text(await api(`/api/flows/${flowId}`, viewerToken)),
      apiExport: await text(await api(`/api/flows/${flowId}/export`, viewerToken)),
      apiExportVersion: await text(await api(`/api/flows/${flowId}/export?version=1`, viewerToken)),
    };
    // THEN no PIN is in any of them, only the marker
    for (const [path, body] of Object.entries(seenByViewer)) {
      expect(body, path).not.toContain(PARTICIPANT_PIN);
      expect(body, path).not.toContain(MODERATOR_PIN);
    }
    expect(
      JSON.parse(seenByViewer.exportDraft).nodes.find((node: { type: string }) => node.type === 'conference').data,
    ).toMatchObject({ participantPin: REDACTED_SECRET, moderatorPin: REDACTED_SECRET });
    expect(seenByViewer.apiFlow).toContain(REDACTED_SECRET);

    // AND editors (pages and tokens) still get the real PINs
    expect(await text(await editor.request(`/flows/${flowId}/edit`))).toContain(MODERATOR_PIN);
    expect(await text(await editor.request(`/flows/${flowId}/export?version=1`))).toContain(PARTICIPANT_PIN);
    expect(await text(await api(`/api/flows/${flowId}`, editorToken))).toContain(PARTICIPANT_PIN);
    expect(await text(await api(`/api/flows/${flowId}/export`, editorToken))).toContain(MODERATOR_PIN);
  });
});

describe('redactFlowSecretsForViewer', () => {
  it('replaces only the fields node definitions mark secret, and leaves a document without them as it is', () => {
    const document = JSON.parse(
      readFileSync(new URL('../flows/examples/conference-7000.json', import.meta.url), 'utf8'),
    );
    const redacted = redactFlowSecretsForViewer(document);
    const room = redacted.nodes.find((node: { type: string }) => node.type === 'conference')!;
    expect(room.data).toMatchObject({ room: '7000', participantPin: REDACTED_SECRET, moderatorPin: REDACTED_SECRET });
    expect(JSON.stringify(document)).toContain('4321'); // the original is untouched
    const plain = frenchFlow('No room', []);
    expect(redactFlowSecretsForViewer(plain)).toBe(plain);
    // a viewer's validation does not complain about the placeholders
    const found = validateFlow(redacted).diagnostics;
    expect(found.some((diagnostic) => diagnostic.field === 'participantPin')).toBe(true);
    expect(withoutRedactionDiagnostics(found, redacted).some((d) => d.field?.endsWith('Pin'))).toBe(false);
  });
});
