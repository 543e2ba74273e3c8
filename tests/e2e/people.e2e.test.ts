// Issue 5 (Directory) end to end: the web app as `npm start` runs it (server/main.ts, production build, runtime
// attached to the sandbox Asterisk over ARI). An administrator adds a person on the People page; without restarting
// Asterisk, the person's phone (sipp) registers with the new credentials and a call to their extension rings it.
// Changing a seed person's SIP password on the page applies at once too (people are not in pjsip.conf, every
// account is pushed over ARI). Removing the person on the page stops the phone from registering.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/people.e2e.test.ts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { createStaffAccount, createStaffSession } from '#db/auth.ts';
import { sipMd5Cred } from '#db/users.ts';
import { createAriSipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import { getCall, type CallRecord } from '#db/calls.ts';
import { AriProbeClient, requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { freeUdpPort, runSipp, startSipp, statusCodes } from '#tests/sipp/sipp.ts';
import { ensureFreshBuild, REPO_ROOT } from './browser/designer-server.ts';
import { describeEvents, nodesEntered } from './testing/callers.ts';
import { startAppWithAsterisk, type AppProcess } from './testing/app-process.ts';
import { seededWorkspace, type RuntimeWorkspace } from './testing/runtime-process.ts';
import { registerOverTls } from './testing/sip-tls-register.ts';
import { personDialString } from '#runtime/person-dial.ts';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const probe = new AriProbeClient(ari);
const sipTlsPort = Number(process.env.SIP_TLS_PORT ?? 5061);
/** A softphone over TLS trusting the sandbox's self-signed certificate (made by scripts/asterisk-sandbox.sh). */
const registerCarolOverTls = (password: string, expires: number) =>
  registerOverTls({
    host: '127.0.0.1',
    port: sipTlsPort,
    ca: readFileSync(`${process.env.AST_ROOT ?? '/opt/asterisk-sid'}/etc/asterisk/keys/asterisk.pem`),
    username: CAROL.username,
    password,
    expires,
  });

const CAROL = { username: 'carol', extension: '6010', password: 'Vert-Pomme-42', pin: '4821' };
/** Added with the CLI while the app is down: the app's start-up sync must push him. */
const DAN = { username: 'dan', extension: '6011', password: 'Ciel-Gris-93', pin: '5172' };
/** Added and removed with the CLI while the app runs, the CLI having the ARI settings: pushed by the CLI itself. */
const ERIN = { username: 'erin', extension: '6012', password: 'Mer-Calme-64', pin: '3958' };
/** An account Switchboard pushed earlier for someone no longer in the directory: the sync must delete it. */
const GHOST: SipAccount = {
  username: 'ghost',
  extension: '6019',
  displayName: 'Ghost',
  md5Cred: sipMd5Cred('ghost', 'Boo-Boo-Boo-1'),
};

let workspace: RuntimeWorkspace;
let app: AppProcess;
let baseUrl: string;
let admin: { session: string; csrf: string };

/**
 * The People page's form, posted as the browser posts it (session cookie, same-origin headers, CSRF field), from a
 * browser set to English: the page then answers in English, the sentences this suite looks for.
 */
async function postPeopleForm(fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl}/people`, {
    method: 'POST',
    headers: {
      Cookie: `sb_session=${admin.session}`,
      'Accept-Language': 'en',
      Origin: baseUrl,
      'Sec-Fetch-Site': 'same-origin',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf: admin.csrf, ...fields }),
    redirect: 'manual',
  });
  const html = (await response.text()).replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&');
  return { status: response.status, html };
}

async function register(ports: { port: number; mediaPort: number }, password: string, expires: number) {
  return runSipp({
    scenario: 'register-auth',
    target: sipTarget,
    ...ports,
    args: ['-s', CAROL.username, '-ap', password, '-key', 'expires', String(expires)],
  });
}

async function sippPorts() {
  return { port: await freeUdpPort(), mediaPort: await freeUdpPort() };
}

function callRecordFor(number: string, after: number): CallRecord | null {
  const row = workspace.db.sqlite
    .prepare('SELECT id FROM calls WHERE dialled_number = ? AND started_at >= ? ORDER BY started_at DESC LIMIT 1')
    .get(number, after) as { id: string } | undefined;
  return row ? getCall(workspace.db, row.id) : null;
}

beforeAll(async () => {
  ensureFreshBuild();
  // GIVEN a fresh install (seed people alice/bob/julien, example flows published) and an administrator
  workspace = await seededWorkspace();
  const account = await createStaffAccount(workspace.db, {
    username: 'ada',
    password: 'ada administers all',
    role: 'admin',
  });
  const session = createStaffSession(workspace.db, account.id);
  admin = { session: session.id, csrf: session.csrfToken };
  for (const username of [CAROL.username, DAN.username]) {
    for (const type of ['endpoint', 'aor', 'auth']) {
      await probe.request('DELETE', `/asterisk/config/dynamic/res_pjsip/${type}/${username}`).catch(() => {}); // left by an earlier run
    }
  }
  // AND, while the app is down, someone added dan with the CLI (no ARI settings in its environment)...
  const cli = switchboardUsers(
    [
      'add',
      DAN.username,
      '--extension',
      DAN.extension,
      '--name',
      'Dan',
      '--sip-password',
      DAN.password,
      '--pin',
      DAN.pin,
    ],
    { withAri: false },
  );
  if (cli.status !== 0) throw new Error(`switchboard users add failed (${cli.status}):\n${cli.output}`);
  expect(cli.output).toContain('No Asterisk is connected (ARI settings)');
  // ...and Asterisk still holds an account Switchboard pushed for someone removed since
  expect(await createAriSipAccountProvisioner(ari).applyAccount(GHOST)).toEqual({ kind: 'applied' });

  // AND the app started as `npm start` does, with the sandbox's ARI settings
  app = await startAppWithAsterisk(workspace, ari);
  baseUrl = app.baseUrl;
}, 240_000);

/** `npx switchboard users ...` on the test's database, with the sandbox's ARI settings (or none). */
function switchboardUsers(args: string[], options: { withAri: boolean }) {
  const ariEnv = options.withAri
    ? { ARI_URL: ari.url, ARI_USER: ari.username, ARI_PASS: ari.password, ARI_APP: ari.app }
    : {};
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'cli/main.ts', 'users', ...args, '--db', workspace.dbFile],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PROMPTS_DIR: workspace.promptsDir, METADATA_SERVER_DETECTION: 'none', ...ariEnv },
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeEach(() => {
  onTestFailed(() => console.error(`--- app output (last 6000 chars) ---\n${app?.output().slice(-6_000)}`));
});

afterAll(async () => {
  await app?.stop();
  const people = [CAROL.username, DAN.username, ERIN.username, GHOST.username];
  for (const username of [...people, ...people.map((person) => `${person}~web`)]) {
    for (const type of ['endpoint', 'aor', 'auth']) {
      await probe.request('DELETE', `/asterisk/config/dynamic/res_pjsip/${type}/${username}`).catch(() => {});
    }
  }
  workspace?.remove();
});

describe('people on the real Asterisk', () => {
  it('the start-up sync pushes what the CLI added while the app was down, and deletes accounts of people gone', async () => {
    // THEN the seed people and dan (added by the CLI) were pushed, each with their phone and browser device, and ghost
    // deleted; the generated pjsip.conf holds no person, so nothing is read-only
    expect(app.output()).toMatch(/SIP accounts synced with Asterisk: 8 account\(s\) pushed; 1 removed/);
    expect(app.output()).not.toContain('pjsip.conf defines');
    await expect(probe.request('GET', `/asterisk/config/dynamic/res_pjsip/endpoint/${GHOST.username}`)).rejects.toThrow(
      /HTTP 404/,
    );
    // AND dan's phone registers with the password given to the CLI
    const ports = await sippPorts();
    const registered = await runSipp({
      scenario: 'register-auth',
      target: sipTarget,
      ...ports,
      args: ['-s', DAN.username, '-ap', DAN.password, '-key', 'expires', '0'],
    });
    expect(registered.exitCode, registered.output).toBe(0);
  });

  it('a person added on the page can register at once, and a call to their extension rings their phone', async () => {
    // GIVEN carol does not exist in Asterisk
    await expect(probe.request('GET', `/endpoints/PJSIP/${CAROL.username}`)).rejects.toThrow(/HTTP 404/);

    // WHEN the administrator adds carol on the People page
    const added = await postPeopleForm({
      intent: 'add',
      displayName: 'Carol',
      extension: CAROL.extension,
      username: CAROL.username,
      sipPassword: CAROL.password,
      voicemailPin: CAROL.pin,
      email: 'carol@example.org',
      language: 'fr-FR',
    });

    // THEN the page says her flow is published and Asterisk has her account
    expect(added.status, added.html.slice(0, 2_000)).toBe(200);
    expect(added.html).toContain('Added Carol, extension 6010, user name carol.');
    expect(added.html).toContain('Their flow "Carol (6010)" is published (version 1)');
    expect(added.html).toContain('Asterisk has the SIP account now');

    // AND a wrong password is refused, the right one registers (no Asterisk restart in between)
    const ports = await sippPorts();
    const wrong = await register(ports, 'not-her-password', 60);
    expect(wrong.exitCode).not.toBe(0);
    expect([401, 403]).toContain(statusCodes(wrong.messages)[1]);
    const registered = await register(ports, CAROL.password, 60);
    expect(registered.exitCode, registered.output).toBe(0);
    expect(statusCodes(registered.messages)).toEqual([401, 200]);
    // the same over SIP/TLS (TLS 1.2, the sandbox certificate verified), as Linphone with transport TLS does
    const overTls = await registerCarolOverTls(CAROL.password, 60);
    expect(overTls).toEqual({ statuses: [401, 200], protocol: 'TLSv1.2' });
    expect((await registerCarolOverTls('not-her-password', 60)).statuses).not.toContain(200);
    expect((await registerCarolOverTls(CAROL.password, 0)).statuses).toEqual([401, 200]);

    // AND a call to 6010 (a real SIP call from the sandbox endpoint) runs her personal flow and rings her phone,
    // which answers with plain RTP although Asterisk offers SRTP (SDES, optimistic)
    const phone = startSipp({ scenario: 'uas-answer', ...ports, timeoutSeconds: 60 });
    const startedAt = Date.now();
    try {
      const caller = await runSipp({
        scenario: 'uac-dtmf',
        target: sipTarget,
        ...(await sippPorts()),
        args: ['-s', CAROL.extension, '-key', 'caller', 'sipp'],
        timeoutSeconds: 60,
      });
      expect(caller.exitCode, caller.output).toBe(0);
      const answered = await phone.done;
      expect(answered.exitCode, answered.output).toBe(0);
      expect(answered.messages).toMatch(/INVITE sip:carol@127\.0\.0\.1/);
      expect(answered.messages).toMatch(/^a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:/m);

      let record: CallRecord | null = null;
      await waitUntil(
        () => {
          record = callRecordFor(CAROL.extension, startedAt);
          return record?.endedAt != null;
        },
        20_000,
        `the call to 6010 recorded and ended (${describeEvents(record)})`,
      );
      const call = record!;
      expect(call.flowName).toBe('Carol (6010)');
      expect(nodesEntered(call).slice(0, 2)).toEqual(['start', 'dial-carol']);
      expect(call.events.find((event) => event.kind === 'dial')?.detail).toMatchObject({
        endpoint: personDialString('carol'),
        outcome: 'answered',
      });
    } finally {
      phone.stop();
      await phone.done;
      await register(ports, CAROL.password, 0);
    }
  });

  it("a seed person's SIP password changed on the page applies at once: the old one is refused, the new one registers", async () => {
    // GIVEN bob (seed person) registers with the seed password
    const ports = await sippPorts();
    const registerBob = (password: string, expires: number) =>
      runSipp({
        scenario: 'register-auth',
        target: sipTarget,
        ...ports,
        args: ['-s', 'bob', '-ap', password, '-key', 'expires', String(expires)],
      });
    expect((await registerBob('bonjour', 0)).exitCode).toBe(0);
    const bob = workspace.db.sqlite
      .prepare('SELECT id, extension, display_name AS displayName, email, language FROM users WHERE username = ?')
      .get('bob') as { id: string; extension: string; displayName: string; email: string | null; language: string };
    const asteriskPid = readFileSync(
      `${process.env.AST_ROOT ?? '/opt/asterisk-sid'}/run/asterisk/asterisk.pid`,
      'utf8',
    ).trim();

    // WHEN the administrator gives him a new SIP password on the People page (the other fields as the form shows them)
    const saved = await postPeopleForm({
      intent: 'edit',
      personId: bob.id,
      displayName: bob.displayName,
      extension: bob.extension,
      username: 'bob',
      sipPassword: 'Nouveau-Mot-77',
      voicemailPin: '',
      email: bob.email ?? '',
      language: bob.language,
    });

    // THEN the page says Asterisk has it, the old password is refused and the new one registers
    expect(saved.status, saved.html.slice(0, 2_000)).toBe(200);
    expect(saved.html).toContain(`Saved ${bob.displayName} (${bob.extension}).`);
    expect(saved.html).toContain('Asterisk has the SIP account now');
    const old = await registerBob('bonjour', 60);
    expect(old.exitCode).not.toBe(0);
    expect(statusCodes(old.messages)).not.toContain(200);
    const renewed = await registerBob('Nouveau-Mot-77', 0);
    expect(renewed.exitCode, renewed.output).toBe(0);
    expect(statusCodes(renewed.messages)).toEqual([401, 200]);
    // AND the same Asterisk process did it: no restart, no reload of pjsip.conf
    expect(
      readFileSync(`${process.env.AST_ROOT ?? '/opt/asterisk-sid'}/run/asterisk/asterisk.pid`, 'utf8').trim(),
    ).toBe(asteriskPid);
  });

  it('a person removed on the page can no longer register', async () => {
    // GIVEN carol registers fine
    const ports = await sippPorts();
    expect((await register(ports, CAROL.password, 0)).exitCode).toBe(0);
    const carol = workspace.db.sqlite.prepare('SELECT id FROM users WHERE username = ?').get(CAROL.username) as {
      id: string;
    };

    // WHEN the administrator removes her on the People page
    const removed = await postPeopleForm({ intent: 'remove', personId: carol.id });

    // THEN the page says her account and flow are gone, and Asterisk refuses her phone at once
    expect(removed.status).toBe(200);
    expect(removed.html).toContain('Removed Carol (6010) and their voicemail messages.');
    expect(removed.html).toContain('Asterisk no longer has the SIP account');
    await expect(probe.request('GET', `/endpoints/PJSIP/${CAROL.username}`)).rejects.toThrow(/HTTP 404/);
    const refused = await register(ports, CAROL.password, 60);
    expect(refused.exitCode).not.toBe(0);
    expect(statusCodes(refused.messages)).not.toContain(200);
    expect((await registerCarolOverTls(CAROL.password, 60)).statuses).not.toContain(200);
  });

  it('the CLI with ARI settings pushes a person it adds, and removes them, without the app', async () => {
    // WHEN erin is added with the CLI, whose environment has the ARI settings
    const added = switchboardUsers(
      [
        'add',
        ERIN.username,
        '--extension',
        ERIN.extension,
        '--name',
        'Erin',
        '--sip-password',
        ERIN.password,
        '--pin',
        ERIN.pin,
      ],
      { withAri: true },
    );
    expect(added.status, added.output).toBe(0);
    expect(added.output).toContain('Asterisk has the SIP account now');
    // THEN her phone registers at once
    const ports = await sippPorts();
    const register = (expires: number) =>
      runSipp({
        scenario: 'register-auth',
        target: sipTarget,
        ...ports,
        args: ['-s', ERIN.username, '-ap', ERIN.password, '-key', 'expires', String(expires)],
      });
    const registered = await register(0);
    expect(registered.exitCode, registered.output).toBe(0);

    // WHEN she is removed with the CLI
    const removed = switchboardUsers(['remove', ERIN.username, '--yes'], { withAri: true });
    expect(removed.status, removed.output).toBe(0);
    expect(removed.output).toContain('Asterisk no longer has the SIP account');
    // THEN her phone is refused
    const refused = await register(60);
    expect(refused.exitCode).not.toBe(0);
    expect(statusCodes(refused.messages)).not.toContain(200);
  });
});
