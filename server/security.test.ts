// The fixes of the outside security review (issue 11), each shown through real HTTP against the real app on a real
// SQLite file: the attack as the reviewer sent it, and what the server does now.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken, createStaffAccount, createStaffSession } from '#db/auth.ts';
import { createFlow, getFlow, listFlows } from '#db/flows.ts';
import { MAX_FLOW_NODES } from '#flows/document.ts';
import { frenchFlow } from '#db/testing/temp-database.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
let base: string;

beforeAll(async () => {
  testApp = await startTestApp('security');
  ({ base } = testApp);
  await createStaffAccount(testApp.temp.db, { username: 'root', password: 'long enough password', role: 'admin' });
}, 120_000);

afterAll(() => testApp?.close());

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** Runs `visit` with the server's log turned on, and returns the lines it wrote to stderr and to console.error. */
async function logDuring(visit: () => Promise<unknown>): Promise<{ lines: string[]; consoleErrors: unknown[][] }> {
  vi.stubEnv('SWITCHBOARD_LOG', 'info');
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  await visit();
  return { lines: written.join('').split('\n').slice(0, -1), consoleErrors: consoleError.mock.calls };
}

/** The sign-in page's CSRF cookie and token, as a browser would have them before posting the form. */
async function signInForm(query = ''): Promise<{ cookie: string; csrf: string; html: string; status: number }> {
  const response = await fetch(`${base}/sign-in${query}`, { redirect: 'manual' });
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((set) => set.split(';')[0])
    .join('; ');
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '', html, status: response.status };
}

function postSignIn(form: { cookie: string; csrf: string }, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: form.cookie,
      Origin: base,
      'Sec-Fetch-Site': 'same-origin',
    },
    body: new URLSearchParams({ csrf: form.csrf, ...fields }),
  });
}

describe('sign-in redirect (open redirect)', () => {
  it.each([
    ['/%09/evil.example', '/'],
    ['/%0A/evil.example', '/'],
    ['/%0D%0ALocation:%20https://evil.example', '/'],
    ['/%EF%BC%8E%EF%BC%8E/evil.example', '/'],
    ['/%5C/evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/flows/flw_1?tab=versions', '/flows/flw_1?tab=versions'],
  ])('redirectTo=%s shows the sign-in page, then goes to %s after signing in', async (redirectTo, expected) => {
    // GIVEN a link to the sign-in page carrying the reviewer's redirectTo
    const form = await signInForm(`?redirectTo=${redirectTo}`);
    expect(form.status).toBe(200);

    // WHEN the person signs in through the hidden field the page carries
    const hidden = /name="redirectTo" value="([^"]*)"/.exec(form.html)?.[1] ?? '';
    const signedIn = await postSignIn(form, {
      username: 'root',
      password: 'long enough password',
      redirectTo: hidden.replaceAll('&amp;', '&'),
    });

    // THEN they land on this site, never another one
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('Location')).toBe(expected);
  });

  it('refuses a posted redirectTo that leaves the site, even if the page did not carry it', async () => {
    const form = await signInForm();
    const signedIn = await postSignIn(form, {
      username: 'root',
      password: 'long enough password',
      redirectTo: '/\t/evil.example',
    });
    expect(signedIn.headers.get('Location')).toBe('/');
  });
});

describe('sign-in throttle', () => {
  it('lets at most 5 of 40 parallel wrong passwords reach the password check', async () => {
    // GIVEN an attacker who sends 40 guesses for one user name at once
    await createStaffAccount(testApp.temp.db, { username: 'victim', password: 'the real password', role: 'viewer' });
    const form = await signInForm();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, guess) => postSignIn(form, { username: 'victim', password: `guess ${guess}` })),
    );

    // THEN 5 were checked and told "wrong", every other one was refused before checking
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);

    // AND even the right password now waits
    expect((await postSignIn(form, { username: 'victim', password: 'the real password' })).status).toBe(429);
  });
});

describe('the log', () => {
  it('writes a page that does not exist as one line, without a stack trace', async () => {
    // GIVEN a visitor who asks for a page that does not exist, with a forged log line in its address
    const path = '/no-such-page/%0A2026-12-06T00:00:00.000Z%20error%20forged';
    const { lines, consoleErrors } = await logDuring(async () => {
      const response = await fetch(base + path, { headers: { Cookie: 'sb_session=nobody' } });
      expect(response.status).toBe(404);
    });
    // THEN the server logs exactly one line about it, and nothing through console.error (where stacks go)
    expect(consoleErrors).toEqual([]);
    expect(lines.filter((line) => line.includes('no-such-page'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ info +404 GET \/no-such-page\//);
  });

  it('writes a request the server cannot even decode as one line, without a stack trace', async () => {
    const { lines, consoleErrors } = await logDuring(async () => {
      const response = await fetch(`${base}/prompts/%E0%A4%A.wav`);
      expect(response.status).toBe(400);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    });
    expect(consoleErrors).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ info +400 GET \/prompts\/%E0%A4%A\.wav: /);
  });
});

/** A flow document whose first node's data hides lists nested `depth` levels deep. */
function deeplyNestedFlow(depth: number): string {
  const flow = JSON.stringify(frenchFlow('Deep', []));
  return flow.replace('"data":{}', `"data":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

describe('JSON nested too deep', () => {
  it('answers the API with a 400 saying where, not a 500', async () => {
    const admin = await createStaffAccount(testApp.temp.db, {
      username: 'deep-api',
      password: 'long enough password',
      role: 'editor',
    });
    const token = createApiToken(testApp.temp.db, { name: 'deep', role: 'editor', accountId: admin.id }).secret;
    const response = await fetch(`${base}/api/flows/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: deeplyNestedFlow(200_000),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; where: { line: number; column: number } } };
    expect(body.error.message).toMatch(
      /^The body is not valid JSON \(line 1, column \d+\): .*nested more than 100 levels/,
    );
    expect(body.error.where.line).toBe(1);
  });

  it('answers an editor save with a 400 and keeps the saved draft', async () => {
    // GIVEN an editor with a flow open
    const editor = await createStaffAccount(testApp.temp.db, {
      username: 'deep-editor',
      password: 'long enough password',
      role: 'editor',
    });
    const session = createStaffSession(testApp.temp.db, editor.id);
    const { flowId } = createFlow(testApp.temp.db, { document: frenchFlow('Kept', []), author: 'test' });

    // WHEN a save arrives whose document is nested 200,000 levels deep
    const document = deeplyNestedFlow(200_000);
    const response = await fetch(`${base}/flows/${flowId}/edit`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: `sb_session=${session.id}`,
        'X-CSRF-Token': session.csrfToken,
        Origin: base,
        'Sec-Fetch-Site': 'same-origin',
      },
      body: `{"intent":"save","revision":1,"document":${document}}`,
    });

    // THEN it is refused with a reason, and the draft is what it was
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('nested more than 100 levels deep');
    expect(getFlow(testApp.temp.db, flowId)).toMatchObject({ name: 'Kept', revision: 1 });
  });
});

/**
 * Starts a POST that announces `declaredBytes` but sends only its first 64 KB, then waits up to 5 s for an answer:
 * a server that buffers the whole body before judging it never answers.
 */
function announceHugeBody(
  path: string,
  declaredBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number | 'no answer'; text: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(declaredBytes),
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve({ status: 'no answer', text: '' });
    }, 5000);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode!, text });
      });
    });
    request.on('error', () => {});
    request.write(Buffer.alloc(64 * 1024, 'a'));
  });
}

/** A flow of `count` nodes: start, then hang-ups (small on the wire, large in number). */
function flowWithNodes(count: number) {
  const flow = frenchFlow(`${count} nodes`, []);
  return {
    ...flow,
    nodes: [
      ...flow.nodes,
      ...Array.from({ length: count - flow.nodes.length }, (_, index) => ({
        id: `extra-${index}`,
        type: 'hangup',
        position: { x: index, y: 0 },
        data: {},
      })),
    ],
  };
}

async function signedInEditor(username: string) {
  const editor = await createStaffAccount(testApp.temp.db, {
    username,
    password: 'long enough password',
    role: 'editor',
  });
  const session = createStaffSession(testApp.temp.db, editor.id);
  return {
    editor,
    session,
    headers: {
      Cookie: `sb_session=${session.id}`,
      'X-CSRF-Token': session.csrfToken,
      Origin: base,
      'Sec-Fetch-Site': 'same-origin',
    },
  };
}

describe('body sizes and flow sizes', () => {
  it('refuses a 100 MB sign-in form with 413 before reading it', async () => {
    const answer = await announceHugeBody('/sign-in', 100 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe('This form may be at most 256 KB; this one is 100 MB. Nothing was read or saved.');
  });

  it('refuses a form sent in chunks without a length with 411', async () => {
    const response = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new Blob(['username=a&password=b']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(await response.text()).toContain('must say its length');
  });

  it('refuses a 17 MB web import with 413, and an API body over 5 MB', async () => {
    const { headers } = await signedInEditor('big-importer');
    const web = await announceHugeBody('/?index', 17 * 1024 * 1024, headers);
    expect(web).toEqual({
      status: 413,
      text: 'A flow document may be at most 5 MB; this one is 17 MB. Nothing was read or saved.',
    });
    const api = await announceHugeBody('/api/flows/import', 6 * 1024 * 1024, { 'Content-Type': 'application/json' });
    expect(api.status).toBe(413);
    expect(JSON.parse(api.text)).toEqual({
      error: { message: 'An API request body may be at most 5 MB; this one is 6 MB. Nothing was read or saved.' },
    });
  });

  it(`refuses a flow of more than ${MAX_FLOW_NODES} nodes in the web import, the API and the editor, losing nothing`, async () => {
    // GIVEN an editor, a saved flow, and a file of 2,001 nodes
    const { headers, editor } = await signedInEditor('node-counter');
    const token = createApiToken(testApp.temp.db, { name: 'nodes', role: 'editor', accountId: editor.id }).secret;
    const { flowId } = createFlow(testApp.temp.db, { document: frenchFlow('Saved before', []), author: 'test' });
    const huge = JSON.stringify(flowWithNodes(MAX_FLOW_NODES + 1));
    const flowsBefore = listFlows(testApp.temp.db, { includeArchived: true }).length;

    // WHEN it is imported through the web form
    const form = new FormData();
    form.set('intent', 'import');
    form.set('csrf', headers['X-CSRF-Token']);
    form.set('file', new File([huge], 'huge.json', { type: 'application/json' }));
    // (read in English, the language these sentences are written in here)
    const english = { ...headers, 'Accept-Language': 'en' };
    const web = await fetch(`${base}/?index`, { method: 'POST', headers: english, body: form, redirect: 'manual' });
    // THEN the page says why
    expect(web.status).toBe(400);
    const page = await web.text();
    expect(page).toContain('The file &quot;huge.json&quot; is too large to import; nothing was imported.');
    expect(page).toContain('This flow has 2,001 nodes; a flow may have at most 2,000. Split it into several flows.');

    // WHEN it is imported through the API
    const api = await fetch(`${base}/api/flows/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: huge,
    });
    expect(api.status).toBe(400);
    const body = (await api.json()) as { error: { message: string; diagnostics: { code: string; field: string }[] } };
    expect(body.error.message).toBe(
      'This flow is too large: This flow has 2,001 nodes; a flow may have at most 2,000. Split it into several flows. Nothing was saved.',
    );
    expect(body.error.diagnostics).toMatchObject([{ code: 'flow-too-large', field: 'nodes' }]);

    // WHEN the editor saves it over the existing flow
    const save = await fetch(`${base}/flows/${flowId}/edit`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: `{"intent":"save","revision":1,"document":${huge}}`,
    });
    expect(save.status).toBe(422);
    expect(await save.text()).toContain('a flow may have at most 2,000');

    // THEN nothing was created and the saved flow is untouched
    expect(listFlows(testApp.temp.db, { includeArchived: true })).toHaveLength(flowsBefore);
    expect(getFlow(testApp.temp.db, flowId)).toMatchObject({ name: 'Saved before', revision: 1 });
  });
});

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(path: string, host: string | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, {
      setHost: host !== null,
      ...(host ? { headers: { Host: host } } : {}),
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, text }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('Host header (DNS rebinding)', () => {
  const port = () => new URL(base).port;

  it('refuses another name with 421 and says how to allow it', async () => {
    const refused = await getWithHost('/setup', 'evil.example');
    expect(refused.status).toBe(421);
    expect(refused.text).toBe(
      `This Switchboard does not answer to "evil.example". Open it by the address it listens on (e.g. http://127.0.0.1:${port()}), or add the name to SWITCHBOARD_ALLOWED_HOSTS (see README).`,
    );
    expect((await getWithHost('/sign-in', `evil.example:${port()}`)).status).toBe(421);
    // A loopback name on another port is another server.
    expect((await getWithHost('/sign-in', 'localhost:1')).status).toBe(421);
  });

  it('answers loopback names on its own port', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`]) {
      expect((await getWithHost('/sign-in', host)).status, host).toBe(200);
    }
  });

  it('keeps serving prompt audio to Asterisk at 127.0.0.1, and only there', async () => {
    // GIVEN a rendered prompt in the store
    const hash = 'ab'.repeat(16);
    mkdirSync(dirname(testApp.prompts.path(hash)), { recursive: true });
    writeFileSync(testApp.prompts.path(hash), 'RIFF....WAVE');
    // THEN Asterisk's fetch works, a rebinding page's does not
    const asterisk = await getWithHost(`/prompts/${hash}.wav`, `127.0.0.1:${port()}`);
    expect(asterisk).toEqual({ status: 200, text: 'RIFF....WAVE' });
    expect((await getWithHost(`/prompts/${hash}.wav`, 'evil.example')).status).toBe(421);
  });
});
