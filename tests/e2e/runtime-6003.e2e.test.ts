// Issue 3 end to end: the real runtime (`npm run runtime`, a child process) runs the published 6003 menu
// (flows/examples/ivr-6003.json) on the real Asterisk sandbox; callers come in through the generated dialplan and
// everything is checked in the call records the runtime wrote.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/runtime-6003.e2e.test.ts
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { ariAnswers, asteriskSandbox, requireAriSettings } from '#runtime/ari/testing/asterisk.ts';
import { freeUdpPort, runSipp } from '#tests/sipp/sipp.ts';
import { Callers, hasEntered, nodesEntered, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import { withRegisteredPhone } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';
import { personDialString } from '#runtime/person-dial.ts';

const WELCOME = 'Bonjour, et bienvenue à la plateforme';
const MENU =
  'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.';
const INVALID = 'Option non valide.';
const NO_INPUT = "Vous n'avez pas saisi d'option.";
const GOODBYE = 'Merci de votre appel. Au revoir.';
const NOT_IN_SERVICE = "Le numéro que vous avez demandé n'est pas en service.";

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;

let workspace: RuntimeWorkspace;
let runtime: RuntimeProcess;
let callers: Callers;
const placed: PlacedCall[] = [];

beforeAll(async () => {
  workspace = await seededWorkspace();
  runtime = await startRuntimeProcess(workspace, ari);
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
}, 180_000);

beforeEach(() => {
  // A failed call is explained by what the runtime process said about it (its log is not shown otherwise).
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterEach(async () => {
  for (const call of placed.splice(0)) await callers.hangUp(call);
  // An outage test that failed half-way must not leave the next tests without an Asterisk.
  if (!(await ariAnswers(ari))) await asteriskSandbox('start');
});

afterAll(async () => {
  await callers?.stop();
  const code = await runtime?.stop();
  workspace?.remove();
  // The runtime stops cleanly on SIGTERM: every session finished and the process exited by itself.
  expect(code).toBe(0);
});

async function dial(number: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  placed.push(call);
  return call;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the call is offered the menu (its prompt is playing), then a bit, so a key barges in. */
async function waitForMenu(call: PlacedCall, visit = 1) {
  await callers.recordWhen(call, (record) => hasEntered(record, 'main-menu', visit), 20_000, `menu visit ${visit}`);
  await sleep(800);
}

describe('the 6003 menu run by the runtime process on Asterisk', () => {
  it('(a) answers and plays the welcome then the menu', async () => {
    // GIVEN a caller dialling 6003
    const call = await dial('6003');
    // WHEN the caller listens long enough for the welcome prompt
    const record = await callers.recordWhen(call, (r) => promptsPlayed(r).length >= 1, 20_000, 'welcome played');
    // THEN the record is for 6003 and the welcome was heard to its end, then the menu started
    expect(record.dialledNumber).toBe('6003');
    expect(record.flowName).toBe('Standard - menu principal');
    expect(promptsPlayed(record)[0]).toEqual({ text: WELCOME, outcome: 'finished' });
    const withMenu = await callers.recordWhen(call, (r) => hasEntered(r, 'main-menu'), 5_000, 'menu entered');
    expect(nodesEntered(withMenu)).toEqual(['start', 'welcome', 'main-menu']);
  });

  /** Presses 2 at the menu and waits for the two-party bridge holding the caller and bob's channel. */
  async function pressTwoUntilBridged(call: PlacedCall) {
    await waitForMenu(call);
    await callers.press(call, '2');
    let bridged: { id: string; channels: string[] } | undefined;
    const deadline = Date.now() + 15_000;
    while (!bridged && Date.now() < deadline) {
      bridged = (await callers.probe.bridges()).find(
        (bridge) => bridge.channels.includes(call.runtimeChannelId) && bridge.channels.length === 2,
      );
      if (!bridged) await sleep(100);
    }
    expect(bridged, 'a two-party bridge holding the caller').toBeDefined();
    return { bobChannel: bridged!.channels.find((id) => id !== call.runtimeChannelId)!, bridgedAt: Date.now() };
  }

  it('(b) key 2 rings bob: his phone (sipp registered as bob) answers, is bridged to the caller, then hangs up', async () => {
    // GIVEN bob's phone answers, talks 3 s and hangs up
    await withRegisteredPhone('bob', 'uas-answer-hangup', sipTarget, async (bobPhone) => {
      const call = await dial('6003');
      // WHEN the caller presses 2
      const { bobChannel } = await pressTwoUntilBridged(call);
      // THEN the runtime's channel and bob's are bridged together: the runtime rings all of bob's devices through a
      // Local channel (runtime/person-dial.ts), whose other half Dial()s his phone, which is up
      const channel = await callers.probe.request<{ name: string; state: string }>('GET', `/channels/${bobChannel}`);
      expect(channel.name).toMatch(/^Local\/bob@switchboard-person-[0-9a-f]+;1$/);
      expect(channel.state).toBe('Up');
      const channels = await callers.probe.request<{ name: string; state: string }[]>('GET', '/channels');
      expect(channels.find((other) => other.name.startsWith('PJSIP/bob-'))?.state).toBe('Up');
      // AND when bob hangs up, the dial is recorded as answered and the flow ends the call (answered -> hang up)
      const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 20_000, 'call ended after the talk');
      const dialEvent = record.events.find((event) => event.kind === 'dial')!;
      expect(dialEvent.detail).toMatchObject({ endpoint: personDialString('bob'), outcome: 'answered' });
      expect(Number(dialEvent.detail?.talkMs)).toBeGreaterThan(2_000);
      expect(record.events.find((event) => event.kind === 'digits')).toMatchObject({ digits: '2' });
      expect(nodesEntered(record).slice(-2)).toEqual(['dial-bob', 'end-call']);
      expect(record.outcome).toBe('completed');
      const phone = await bobPhone.done;
      expect(phone.exitCode, phone.output).toBe(0);
    });
  });

  it('(b) key 2, bob answers, and the caller hangs up mid-conversation: the dial is still recorded with its talk time', async () => {
    // GIVEN bob's phone answers and stays on the line until it gets a BYE
    await withRegisteredPhone('bob', 'uas-answer', sipTarget, async (bobPhone) => {
      const call = await dial('6003');
      const { bridgedAt } = await pressTwoUntilBridged(call);
      // WHEN the caller hangs up after talking about 2 s
      await sleep(2_000);
      await callers.hangUp(call);
      const talkedMs = Date.now() - bridgedAt;
      // THEN the record ends as caller-hung-up, and its dial event says answered, with the time they talked
      const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 10_000, 'record closed');
      expect(record.outcome).toBe('caller-hung-up');
      const dialEvents = record.events.filter((event) => event.kind === 'dial');
      expect(dialEvents).toHaveLength(1);
      expect(dialEvents[0]!.detail).toMatchObject({ endpoint: personDialString('bob'), outcome: 'answered' });
      expect(Number(dialEvents[0]!.detail?.talkMs)).toBeGreaterThan(1_500);
      expect(Number(dialEvents[0]!.detail?.talkMs)).toBeLessThanOrEqual(talkedMs + 3_000); // slack: the runtime sees the hang-up a little later
      const dialBobEvents = record.events.filter((event) => event.nodeId === 'dial-bob').map((event) => event.kind);
      expect(dialBobEvents).toEqual(['node-entered', 'note', 'dial', 'node-left']);
      // AND bob's phone got its BYE: the runtime hung up his leg
      const phone = await bobPhone.done;
      expect(phone.exitCode, phone.output).toBe(0);
    });
  });

  it('(c) a wrong key: "Option non valide." then the welcome and the menu again', async () => {
    // GIVEN a caller offered the menu
    const call = await dial('6003');
    await waitForMenu(call);
    // WHEN the caller presses 9
    await callers.press(call, '9');
    // THEN the menu prompt stops at the key, the apology plays, and the menu is offered again
    const record = await callers.recordWhen(call, (r) => hasEntered(r, 'main-menu', 2), 20_000, 'menu offered again');
    expect(promptsPlayed(record)).toEqual([
      { text: WELCOME, outcome: 'finished' },
      { text: MENU, outcome: 'interrupted' },
      { text: INVALID, outcome: 'finished' },
      { text: WELCOME, outcome: 'finished' },
    ]);
    expect(record.events.find((event) => event.kind === 'digits')).toMatchObject({
      digits: '9',
      detail: { accepted: false },
    });
    expect(nodesEntered(record)).toEqual(['start', 'welcome', 'main-menu', 'invalid-option', 'welcome', 'main-menu']);
  });

  it('(d) silence: "Vous n\'avez pas saisi d\'option." and the menu again; after the retries, goodbye', async () => {
    // GIVEN a caller who never presses a key (the menu allows 2 retries, 5 s each)
    const call = await dial('6003');
    // WHEN the caller stays silent until the flow gives up
    const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 140_000, 'call ended by the flow');
    // THEN three silent menus, two "no input" prompts, then the failed branch says goodbye and ends the call
    expect(promptsPlayed(record)).toEqual([
      { text: WELCOME, outcome: 'finished' },
      { text: MENU, outcome: 'finished' },
      { text: NO_INPUT, outcome: 'finished' },
      { text: WELCOME, outcome: 'finished' },
      { text: MENU, outcome: 'finished' },
      { text: NO_INPUT, outcome: 'finished' },
      { text: WELCOME, outcome: 'finished' },
      { text: MENU, outcome: 'finished' },
      { text: GOODBYE, outcome: 'finished' },
    ]);
    const menuExits = record.events
      .filter((e) => e.kind === 'node-left' && e.nodeId === 'main-menu')
      .map((e) => e.branch);
    expect(menuExits).toEqual(['timeout', 'timeout', 'failed']);
    expect(record.outcome).toBe('completed');
  }, 180_000);

  it('(e) the caller hanging up in the middle of a prompt ends the record at once', async () => {
    // GIVEN a caller in the middle of the (10 s long) menu prompt
    const call = await dial('6003');
    await waitForMenu(call);
    // WHEN the caller hangs up
    const hungUpAt = Date.now();
    await callers.hangUp(call);
    // THEN the record is closed within a second, as caller-hung-up, the prompt marked as cut
    const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 5_000, 'record closed');
    expect(record.outcome).toBe('caller-hung-up');
    expect(record.endedAt! - hungUpAt).toBeLessThan(1_000);
    expect(record.events.at(-1)).toMatchObject({ kind: 'node-left', nodeId: 'main-menu', branch: null });
  });

  it('(f) a number no flow answers: the not-in-service message, then the call ends', async () => {
    // GIVEN no published flow for 5555
    // WHEN a caller dials it
    const call = await dial('5555');
    // THEN
    const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 20_000, 'call ended');
    expect(record.outcome).toBe('not-in-service');
    expect(record.flowId).toBeNull();
    expect(promptsPlayed(record)).toEqual([{ text: NOT_IN_SERVICE, outcome: 'finished' }]);
  });

  it('a real SIP call (sipp, RTP) to 6003 pressing 9: the record shows the key', async () => {
    // GIVEN sipp calling 6003 as the sandbox's trusted endpoint; it presses 9 after 5 s, hangs up 4 s later
    const since = Date.now();
    const result = await runSipp({
      scenario: 'uac-menu-9',
      target: sipTarget,
      port: await freeUdpPort(),
      mediaPort: await freeUdpPort(),
      args: ['-s', '6003', '-key', 'caller', 'sipp'],
      timeoutSeconds: 40,
    });
    expect(result.exitCode, result.output).toBe(0);
    // THEN
    const row = workspace.db.sqlite
      .prepare(
        "SELECT channel_id FROM calls WHERE dialled_number = '6003' AND started_at >= ? ORDER BY started_at DESC LIMIT 1",
      )
      .get(since) as { channel_id: string } | undefined;
    expect(row, 'a call record for the SIP call').toBeDefined();
    const record = await callers.recordWhen(
      { callerChannelId: '', runtimeChannelId: row!.channel_id },
      (r) => r.endedAt !== null,
      5_000,
      'SIP call ended',
    );
    expect(record.callerNumber).toBe('sipp');
    expect(record.events.find((event) => event.kind === 'digits')).toMatchObject({ digits: '9' });
    expect(
      promptsPlayed(record)
        .slice(0, 3)
        .map((prompt) => prompt.text),
    ).toEqual([WELCOME, MENU, INVALID]);
    expect(record.outcome).toBe('caller-hung-up');
  });

  it('(h) 20 calls at once all get the welcome, and every record is closed', async () => {
    // GIVEN 20 callers dialling 6003 at the same moment
    const calls = await Promise.all(Array.from({ length: 20 }, () => dial('6003')));
    // WHEN each has heard the welcome and reached the menu, half press 9 and then everybody hangs up
    await Promise.all(
      calls.map((call) => callers.recordWhen(call, (r) => hasEntered(r, 'main-menu'), 40_000, 'menu reached')),
    );
    await sleep(800);
    await Promise.all(calls.slice(0, 10).map((call) => callers.press(call, '9')));
    await Promise.all(
      calls
        .slice(0, 10)
        .map((call) => callers.recordWhen(call, (r) => hasEntered(r, 'invalid-option'), 20_000, 'key 9 taken')),
    );
    await Promise.all(calls.map((call) => callers.hangUp(call)));
    // THEN every call has one closed record: welcome heard, hung up by the caller
    const records = await Promise.all(
      calls.map((call) => callers.recordWhen(call, (r) => r.endedAt !== null, 10_000, 'record closed')),
    );
    expect(new Set(records.map((record) => record.id)).size).toBe(20);
    for (const record of records) {
      expect(record.outcome).toBe('caller-hung-up');
      expect(promptsPlayed(record)[0]).toEqual({ text: WELCOME, outcome: 'finished' });
    }
    // AND the ten who pressed 9 were refused the key, each in their own call
    for (const record of records.slice(0, 10)) {
      expect(record.events.filter((event) => event.kind === 'digits').map((event) => event.digits)).toEqual(['9']);
    }
  }, 120_000);
});

describe('Asterisk restarting under the running runtime', () => {
  async function callReachesWelcome() {
    const call = await dial('6003');
    const record = await callers.recordWhen(call, (r) => promptsPlayed(r).length >= 1, 20_000, 'welcome played');
    expect(promptsPlayed(record)[0]).toEqual({ text: WELCOME, outcome: 'finished' });
    await callers.hangUp(call);
  }

  it('(g) a short restart: the call it cut is recorded as lost, and the next call is handled without restarting the runtime', async () => {
    // GIVEN the runtime handling calls, and a caller in the menu
    await callReachesWelcome();
    const cut = await dial('6003');
    await callers.recordWhen(cut, (record) => hasEntered(record, 'main-menu'), 20_000, 'the caller in the menu');
    // WHEN Asterisk stops and starts again
    const stoppedAt = Date.now();
    await asteriskSandbox('stop');
    await asteriskSandbox('start');
    // THEN the cut call is in history as lost (Asterisk went away), not as a caller who hung up
    const cutRecord = await callers.recordWhen(cut, (record) => record.endedAt !== null, 30_000, 'the cut call closed');
    expect(cutRecord.outcome).toBe('lost');
    // AND the runtime (same process) reconnects by itself and takes the next call
    await runtime.waitUntilReady(60_000, { connectedAfter: stoppedAt });
    await callers.waitUntilConnected(60_000, stoppedAt);
    await callReachesWelcome();
    expect(runtime.output()).toMatch(/ARI connected/);
  }, 150_000);

  it('(g) an outage longer than a minute: the runtime keeps retrying and takes calls again', async () => {
    // GIVEN Asterisk down for 65 s
    const stoppedAt = Date.now();
    await asteriskSandbox('stop');
    await sleep(65_000);
    // WHEN it comes back
    await asteriskSandbox('start');
    // THEN
    await runtime.waitUntilReady(60_000, { connectedAfter: stoppedAt });
    await callers.waitUntilConnected(60_000, stoppedAt);
    await callReachesWelcome();
  }, 240_000);
});
