// The web app and its JSON API through real HTTP: createApp (Vite compiling the app, as `npm run dev` does) on an
// ephemeral loopback port, a real SQLite file, a real prompt store. Each test reads as a visit or a script run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  createStaffAccount,
  createStaffSession,
  revokeApiToken,
  setStaffLanguage,
  type StaffRole,
} from '#db/auth.ts';
import { getFlow, listFlows } from '#db/flows.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';
import { frenchFlow, type TempDatabase } from '#db/testing/temp-database.ts';

let temp: TempDatabase;
let testApp: TestApp;
let base: string;

beforeAll(async () => {
  testApp = await startTestApp('app');
  ({ base, temp } = testApp);
}, 120_000);

afterAll(() => testApp?.close());

/** A browser in miniature: keeps cookies, does not follow redirects, and finds the CSRF token in pages. */
class Visitor {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  static async signedInAs(role: StaffRole): Promise<Visitor> {
    const account = await createStaffAccount(temp.db, {
      username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
      password: 'long enough password',
      role,
    });
    const visitor = new Visitor();
    visitor.cookies.set('sb_session', createStaffSession(temp.db, account.id).id);
    return visitor;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(base + path, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (/Max-Age=0/.test(cookie)) this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return response;
  }

  /** GETs a page and remembers the CSRF token its forms carry. */
  async page(path: string): Promise<{ response: Response; html: string }> {
    const response = await this.request(path);
    const html = await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1]!;
    return { response, html };
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: base,
        'Sec-Fetch-Site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams(fields),
    });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

describe('first run and signing in', () => {
  it('sends the first visitor to /setup, which creates the first admin once and then closes', async () => {
    // GIVEN an install without any staff account
    const visitor = new Visitor();
    expect((await visitor.request('/')).headers.get('Location')).toBe('/setup');

    // WHEN the visitor fills in /setup
    const { response } = await visitor.page('/setup');
    expect(response.status).toBe(200);
    const created = await visitor.postForm('/setup', {
      csrf: visitor.csrf,
      username: 'root',
      displayName: 'Ops',
      password: 'first admin password',
      confirm: 'first admin password',
    });

    // THEN they are an administrator, signed in
    expect(created.status).toBe(302);
    expect(created.headers.getSetCookie().join()).toMatch(
      /sb_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/,
    );
    const home = await visitor.page('/');
    expect(home.response.status).toBe(200);
    expect(home.html).toContain('Ops');

    // AND /setup is refused from now on, to them and to anybody else
    const someoneElse = new Visitor();
    await someoneElse.page('/sign-in');
    const second = await someoneElse.postForm('/setup', {
      csrf: someoneElse.csrf,
      username: 'intruder',
      displayName: '',
      password: 'intruder password',
      confirm: 'intruder password',
    });
    expect(second.status).toBe(403);
    expect((await someoneElse.request('/setup')).headers.get('Location')).toBe('/sign-in');
  });

  it('redirects a signed-out visitor to /sign-in, remembering where they were going', async () => {
    const visitor = new Visitor();
    expect((await visitor.request('/')).headers.get('Location')).toBe('/sign-in');
    expect((await visitor.request('/flows/flw_x')).headers.get('Location')).toBe(
      '/sign-in?redirectTo=%2Fflows%2Fflw_x',
    );
    expect((await visitor.request('/admin/users')).headers.get('Location')).toBe(
      '/sign-in?redirectTo=%2Fadmin%2Fusers',
    );
  });

  it('signs in with the right password and CSRF token only, and signs out with a POST', async () => {
    await createStaffAccount(temp.db, { username: 'dana', password: 'dana password 1', role: 'editor' });
    const visitor = new Visitor();
    await visitor.page('/sign-in?redirectTo=/admin/users');
    expect(visitor.cookie('sb_csrf')).toBe(visitor.csrf);

    const wrong = await visitor.postForm(
      '/sign-in',
      { csrf: visitor.csrf, username: 'dana', password: 'not it at all' },
      { 'Accept-Language': 'en' },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Wrong user name or password');
    // Without a language setting or Accept-Language, the refusal is in French.
    const wrongInFrench = await visitor.postForm('/sign-in', {
      csrf: visitor.csrf,
      username: 'dana',
      password: 'still not it',
    });
    expect(await wrongInFrench.text()).toContain('Nom d&#x27;utilisateur ou mot de passe incorrect');

    const noToken = await visitor.postForm('/sign-in', { username: 'dana', password: 'dana password 1' });
    expect(noToken.status).toBe(403);
    const crossSite = await visitor.postForm(
      '/sign-in',
      { csrf: visitor.csrf, username: 'dana', password: 'dana password 1' },
      { Origin: 'http://evil.test', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(visitor.cookie('sb_session')).toBeUndefined();

    const signedIn = await visitor.postForm('/sign-in', {
      csrf: visitor.csrf,
      username: 'Dana',
      password: 'dana password 1',
      redirectTo: '/flows/flw_x',
    });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('Location')).toBe('/flows/flw_x');
    expect((await visitor.page('/')).response.status).toBe(200);

    // Signing out needs the session's token (taken from the page's sign-out form), not the signed-out one.
    expect((await visitor.postForm('/sign-out', { csrf: 'x'.repeat(43) })).status).toBe(403);
    const out = await visitor.postForm('/sign-out', { csrf: visitor.csrf });
    expect(out.headers.get('Location')).toBe('/sign-in');
    expect(visitor.cookie('sb_session')).toBeUndefined();
    expect((await visitor.request('/')).headers.get('Location')).toBe('/sign-in');
  });
});

describe('roles on the server', () => {
  it('refuses a viewer who POSTs straight to the editor action, even with a valid CSRF token', async () => {
    const { flowId } = (await import('#db/flows.ts')).createFlow(temp.db, {
      document: frenchFlow('Roles', []),
      author: 'test',
    });
    const save = (visitor: Visitor) =>
      visitor.request(`/flows/${flowId}/edit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base, 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({
          intent: 'save',
          revision: 1,
          document: frenchFlow('Renamed by someone', []),
          csrf: visitor.csrf,
        }),
      });

    const viewer = await Visitor.signedInAs('viewer');
    await viewer.page('/');
    expect(viewer.csrf).not.toBe('');
    expect((await save(viewer)).status).toBe(403);
    expect(getFlow(temp.db, flowId)).toMatchObject({ name: 'Roles', revision: 1 });

    // The same request from an editor goes through: the refusal above was the role, not the request.
    const editor = await Visitor.signedInAs('editor');
    await editor.page('/');
    expect((await save(editor)).status).toBe(200);
    expect(getFlow(temp.db, flowId)).toMatchObject({ name: 'Renamed by someone', revision: 2 });
  });

  it('keeps the administration pages and their actions to admins', async () => {
    for (const role of ['viewer', 'editor'] as const) {
      const visitor = await Visitor.signedInAs(role);
      expect((await visitor.request('/admin/tokens')).status).toBe(403);
      await visitor.page('/');
      const create = await visitor.postForm('/admin/tokens', {
        csrf: visitor.csrf,
        intent: 'create',
        name: 'sneaky',
        role: 'admin',
      });
      expect(create.status).toBe(403);
    }
    const admin = await Visitor.signedInAs('admin');
    await admin.page('/admin/tokens');
    const created = await admin.postForm('/admin/tokens', {
      csrf: admin.csrf,
      intent: 'create',
      name: 'from the page',
      role: 'viewer',
    });
    expect(created.status).toBe(200);
    const secret = /data-testid="new-token-secret">(sbt_[\w-]{43})</.exec(await created.text())?.[1];
    expect(secret).toBeDefined();
    // The listing afterwards shows the prefix only.
    const listing = (await admin.page('/admin/tokens')).html;
    expect(listing).toContain(secret!.slice(0, 12));
    expect(listing).not.toContain(secret!);
  });
});

describe('JSON API', () => {
  let viewerToken: string;
  let editorToken: string;

  beforeAll(async () => {
    const admin = await createStaffAccount(temp.db, {
      username: 'api-admin',
      password: 'api admin password',
      role: 'admin',
    });
    viewerToken = createApiToken(temp.db, { name: 'dashboard', role: 'viewer', accountId: admin.id }).secret;
    editorToken = createApiToken(temp.db, { name: 'CI deploy', role: 'editor', accountId: admin.id }).secret;
  });

  /** An API request; its sentences are asked in English (`language`), the language these tests read them in. */
  async function api(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; language?: string } = {},
  ) {
    const headers: Record<string, string> = { 'Accept-Language': options.language ?? 'en' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(base + path, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    // The tests read many response shapes and assert on each field they use, so an untyped body is the honest type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  it('answers 401 without a token, with a wrong or malformed one, and with a revoked one', async () => {
    const none = await api('GET', '/api/flows');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="switchboard"');
    expect(none.json.error.message).toContain('Authorization: Bearer');

    expect((await api('GET', '/api/flows', { token: 'sbt_' + 'A'.repeat(43) })).status).toBe(401);
    expect((await api('GET', '/api/flows', { token: viewerToken.slice(0, -1) })).status).toBe(401);
    const basic = await fetch(`${base}/api/flows`, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);

    // A signed-in browser session is no API credential.
    const browser = await Visitor.signedInAs('admin');
    expect((await browser.request('/api/flows')).status).toBe(401);

    const admin = await createStaffAccount(temp.db, {
      username: 'revoker',
      password: 'revoker password',
      role: 'admin',
    });
    const { token, secret } = createApiToken(temp.db, { name: 'short-lived', role: 'editor', accountId: admin.id });
    expect((await api('GET', '/api/flows', { token: secret })).status).toBe(200);
    revokeApiToken(temp.db, token.id);
    expect((await api('GET', '/api/flows', { token: secret })).status).toBe(401);
  });

  it('lets a viewer token read but not write (403)', async () => {
    const list = await api('GET', '/api/flows', { token: viewerToken });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.json.flows)).toBe(true);

    const flowsBefore = listFlows(temp.db).length;
    const create = await api('POST', '/api/flows', {
      token: viewerToken,
      body: { document: frenchFlow('Viewer made', []) },
    });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toContain('editor role');
    expect((await api('POST', '/api/flows/import', { token: viewerToken, body: frenchFlow('x', []) })).status).toBe(
      403,
    );
    expect(listFlows(temp.db).length).toBe(flowsBefore);

    const { flowId } = (await import('#db/flows.ts')).createFlow(temp.db, {
      document: frenchFlow('Read only', []),
      author: 't',
    });
    const put = await api('PUT', `/api/flows/${flowId}/draft`, {
      token: viewerToken,
      body: { document: frenchFlow('Changed', []), revision: 1 },
    });
    expect(put.status).toBe(403);
    expect((await api('POST', `/api/flows/${flowId}/publish`, { token: viewerToken })).status).toBe(403);
    expect(getFlow(temp.db, flowId)).toMatchObject({ name: 'Read only', revision: 1 });
    // Validating writes nothing: viewers may.
    expect((await api('POST', `/api/flows/${flowId}/validate`, { token: viewerToken })).status).toBe(200);
  });

  it('lets an editor token create, update with the revision, and get 409 with a stale revision', async () => {
    const created = await api('POST', '/api/flows', {
      token: editorToken,
      body: { document: frenchFlow('Accueil API', ['7101']) },
    });
    expect(created.status).toBe(201);
    const flowId: string = created.json.flow.id;
    expect(created.headers.get('Location')).toBe(`/api/flows/${flowId}`);
    expect(created.json.flow).toMatchObject({
      name: 'Accueil API',
      revision: 1,
      createdBy: 'api-admin (API token "CI deploy")',
    });

    const shown = await api('GET', `/api/flows/${flowId}`, { token: editorToken });
    expect(shown.json.flow.draft.description).toContain('« principal »');

    const update = await api('PUT', `/api/flows/${flowId}/draft`, {
      token: editorToken,
      body: { document: frenchFlow('Accueil API v2', ['7101']), revision: 1 },
    });
    expect(update.status).toBe(200);
    expect(update.json).toMatchObject({ revision: 2, diagnostics: [] });

    const stale = await api('PUT', `/api/flows/${flowId}/draft`, {
      token: editorToken,
      body: { document: frenchFlow('Lost update', ['7101']), revision: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ currentRevision: 2 });
    expect(stale.json.error.message).toContain('revision 1');
    expect(getFlow(temp.db, flowId)).toMatchObject({ name: 'Accueil API v2', revision: 2 });

    const badRevision = await api('PUT', `/api/flows/${flowId}/draft`, {
      token: editorToken,
      body: { document: frenchFlow('x', []), revision: 'two' },
    });
    expect(badRevision.status).toBe(400);
    expect(badRevision.json.error.issues).toEqual([expect.objectContaining({ path: 'revision' })]);
  });

  it('refuses broken JSON on import saying what and where, and writes nothing', async () => {
    const before = listFlows(temp.db).length;
    const broken = await api('POST', '/api/flows/import', {
      token: editorToken,
      raw: '{\n  "format": 1,\n  "name": "x",,\n}',
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error.where).toEqual({ line: 3, column: 15 });
    expect(broken.json.error.message).toMatch(/^The body is not valid JSON \(line 3, column 15\): /);

    const shapeless = await api('POST', '/api/flows/import', {
      token: editorToken,
      body: { format: 1, nodes: 'many' },
    });
    expect(shapeless.status).toBe(400);
    expect(shapeless.json.error.message).toContain('nothing was saved');
    expect(shapeless.json.error.diagnostics.map((diagnostic: { field?: string }) => diagnostic.field)).toEqual(
      expect.arrayContaining(['name', 'nodes']),
    );
    expect(listFlows(temp.db).length).toBe(before);
  });

  it('exports a flow as a file that imports back as a new flow', async () => {
    const created = await api('POST', '/api/flows', {
      token: editorToken,
      body: { document: frenchFlow(undefined, []) },
    });
    const flowId: string = created.json.flow.id;
    const exported = await fetch(`${base}/api/flows/${flowId}/export`, {
      headers: { Authorization: `Bearer ${viewerToken}` },
    });
    expect(exported.headers.get('Content-Disposition')).toBe(
      'attachment; filename="Accueil-Societe-Generale-d-Electricite.json"',
    );
    const file = await exported.text();

    const imported = await api('POST', '/api/flows/import', { token: editorToken, raw: file });
    expect(imported.status).toBe(201);
    expect(imported.json.flow.id).not.toBe(flowId);
    expect(imported.json.flow.draft).toEqual(JSON.parse(file));
  });

  it('publishes a valid draft, refuses an invalid one with 422 and its diagnostics, and lists versions', async () => {
    const good = await api('POST', '/api/flows', {
      token: editorToken,
      body: { document: frenchFlow('Publishable', ['7102']) },
    });
    const goodId: string = good.json.flow.id;
    const published = await api('POST', `/api/flows/${goodId}/publish`, {
      token: editorToken,
      body: { comment: 'first' },
    });
    expect(published.status).toBe(201);
    expect(published.json.version).toMatchObject({ number: 1 });
    expect(published.json.promptsRendered).toBeGreaterThan(0);
    const versions = await api('GET', `/api/flows/${goodId}/versions`, { token: viewerToken });
    expect(versions.json.versions).toEqual([expect.objectContaining({ number: 1, comment: 'first' })]);

    const broken = frenchFlow('Broken', []);
    broken.edges = [];
    const bad = await api('POST', '/api/flows', { token: editorToken, body: { document: broken } });
    const refused = await api('POST', `/api/flows/${bad.json.flow.id}/publish`, { token: editorToken });
    expect(refused.status).toBe(422);
    expect(refused.json.error.diagnostics.length).toBeGreaterThan(0);
    expect(refused.json.error.diagnostics[0]).toMatchObject({ severity: 'error' });

    const validation = await api('POST', `/api/flows/${bad.json.flow.id}/validate`, { token: viewerToken });
    expect(validation.json.valid).toBe(false);
    expect(validation.json.diagnostics).toEqual(refused.json.error.diagnostics);
  });

  it("words diagnostics in the caller's language (Accept-Language, else French) with the same codes", async () => {
    // GIVEN a draft whose Start node leads nowhere
    const broken = frenchFlow('Speaks two languages', []);
    broken.edges = [];
    const created = await api('POST', '/api/flows', { token: editorToken, body: { document: broken } });
    const flowId: string = created.json.flow.id;

    // WHEN a French, an English and a script without a language ask for its diagnostics
    const french = await api('POST', `/api/flows/${flowId}/validate`, {
      token: viewerToken,
      language: 'fr-FR,fr;q=0.9',
    });
    const english = await api('POST', `/api/flows/${flowId}/validate`, { token: viewerToken, language: 'en-GB' });
    const unsaid = await api('POST', `/api/flows/${flowId}/validate`, { token: viewerToken, language: '' });

    // THEN the codes, nodes and fields are identical, and only the sentences differ
    const where = (diagnostics: { code: string; nodeId?: string; field?: string }[]) =>
      diagnostics.map(({ code, nodeId, field }) => ({ code, nodeId, field }));
    expect(where(french.json.diagnostics)).toEqual(where(english.json.diagnostics));
    expect(french.json.diagnostics.map((diagnostic: { code: string }) => diagnostic.code)).toContain(
      'branch-unconnected',
    );
    const unconnected = (diagnostics: { code: string; message: string }[]) =>
      diagnostics.find((diagnostic) => diagnostic.code === 'branch-unconnected')?.message;
    expect(unconnected(french.json.diagnostics)).toBe(
      "Début « start » : la sortie « Arrivée de l'appel » n'est reliée à aucune étape suivante.",
    );
    expect(unconnected(english.json.diagnostics)).toBe(
      'Start "start": the branch "Call arrives" is not connected to a next step.',
    );
    expect(unsaid.json.diagnostics).toEqual(french.json.diagnostics);

    // AND a refused publication says its diagnostics in the same language
    const refused = await api('POST', `/api/flows/${flowId}/publish`, { token: editorToken, language: 'fr' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toMatch(/^Publication refusée : \d+ erreurs? à corriger d'abord\./);
    expect(refused.json.error.diagnostics).toEqual(french.json.diagnostics);
  });

  it("answers a script that names no language in the token owner's interface language", async () => {
    // GIVEN a token made by someone who reads the interface in English
    const owner = await createStaffAccount(temp.db, {
      username: 'api-reader',
      password: 'api reader password',
      role: 'viewer',
    });
    setStaffLanguage(temp.db, owner.id, 'en');
    const token = createApiToken(temp.db, { name: 'english script', role: 'viewer', accountId: owner.id }).secret;
    const broken = frenchFlow('Owner speaks English', []);
    broken.edges = [];
    const created = await api('POST', '/api/flows', { token: editorToken, body: { document: broken } });
    const path = `/api/flows/${created.json.flow.id}/validate`;

    // WHEN it asks without Accept-Language, THEN English; WHEN it asks for French, THEN the header wins
    const unsaid = await api('POST', path, { token, language: '' });
    expect(unsaid.json.diagnostics.map((diagnostic: { message: string }) => diagnostic.message)).toContain(
      'Start "start": the branch "Call arrives" is not connected to a next step.',
    );
    const french = await api('POST', path, { token, language: 'fr' });
    expect(french.json.diagnostics.map((diagnostic: { message: string }) => diagnostic.message)).toContain(
      "Début « start » : la sortie « Arrivée de l'appel » n'est reliée à aucune étape suivante.",
    );
  });

  it('answers unknown flows, unknown paths and wrong methods in JSON', async () => {
    const missing = await api('GET', '/api/flows/flw_nope', { token: viewerToken });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toContain('flw_nope');

    const unknown = await api('GET', '/api/nothing/here', { token: viewerToken });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toContain('docs/api.md');

    const wrongMethod = await api('DELETE', '/api/flows', { token: editorToken });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('Allow')).toBe('GET, POST');
  });
});
