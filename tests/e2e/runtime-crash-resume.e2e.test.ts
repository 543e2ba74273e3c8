// Issue 11 end to end: a crash of the runtime must not leave callers connected to silence. The runtime (a child
// process, `npm run runtime`) is killed with SIGKILL while one caller waits in the 6003 menu, one talks to bob (his
// phone is sipp, registered as bob) and one is in a conference room; the next runtime takes each back where it was.
// A fourth caller, whose saved position is removed, shows the other way: a goodbye, a hang-up, history says why.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/runtime-crash-resume.e2e.test.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { CallRecord } from '#db/calls.ts';
import { createFlow } from '#db/flows.ts';
import { conferenceBridgePrefix } from '#runtime/ari/conference-media.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { builtInPrompt } from '#runtime/nodes/built-in-messages.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { connect, draftNode, typedFlow } from '#runtime/testing/call-harness.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { Callers, hasEntered, nodesEntered, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import { withRegisteredPhone } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';
import { personDialString } from '#runtime/person-dial.ts';

const MENU =
  'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.';
const APOLOGY = builtInPrompt('resumeApology', 'fr-FR').text;
const GOODBYE = builtInPrompt('restartGoodbye', 'fr-FR').text;
const ROOM = '7005';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const roomPrefix = `${conferenceBridgePrefix(ari.app)}${ROOM}-`;

let workspace: RuntimeWorkspace;
let callers: Callers;
const runtimes: RuntimeProcess[] = [];
const placed: PlacedCall[] = [];

beforeAll(async () => {
  workspace = await seededWorkspace();
  // A room without PIN nor waiting: its caller is mixed in the room's bridge at once.
  const document = typedFlow({
    name: `Salle ${ROOM}`,
    numbers: [ROOM],
    nodes: [
      draftNode('start', 'start'),
      draftNode('room', 'conference', { room: ROOM, name: `Salle ${ROOM}`, announceCount: false }),
    ],
    edges: [connect('start', 'next', 'room')],
  });
  const { flowId } = createFlow(workspace.db, { document, author: 'test' });
  await publishFlow(workspace.db, { flowId, author: 'test' }, createPromptStore({ PROMPTS_DIR: workspace.promptsDir }));
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
}, 180_000);

beforeEach(() => {
  onTestFailed(() => {
    for (const [index, runtime] of runtimes.entries())
      console.error(`--- runtime ${index + 1} output (last 6000 chars) ---\n${runtime.output().slice(-6_000)}`);
  });
});

afterAll(async () => {
  for (const call of placed) await callers?.hangUp(call);
  for (const runtime of runtimes) await runtime.stop();
  await callers?.probe.clearAll().catch(() => {});
  await callers?.stop();
  workspace?.remove();
});

async function dial(number: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  placed.push(call);
  return call;
}

/** The time of the "resumed after a runtime restart" note in the call's history, or null. */
function resumedAt(record: CallRecord): number | null {
  const note = record.events.find(
    (event) => event.kind === 'note' && event.detail?.message === 'resumed after a runtime restart',
  );
  return note ? note.at : null;
}

async function bridgeHolding(channelId: string, size: number) {
  return (await callers.probe.bridges()).find(
    (bridge) => bridge.channels.includes(channelId) && bridge.channels.length === size,
  );
}

describe('a runtime killed with SIGKILL while calls are in progress', () => {
  it('takes back the menu caller, the conversation with bob and the conference caller where they were', async () => {
    // GIVEN a first runtime (it pushes bob's SIP account to Asterisk, so his phone can register)
    const first = await startRuntimeProcess(workspace, ari);
    runtimes.push(first);
    await withRegisteredPhone('bob', 'uas-answer', sipTarget, async (bobPhone) => {
      // AND a caller who heard the whole 6003 menu and is choosing
      const menuCaller = await dial('6003');
      // AND another one whose saved position will be gone: the one call that cannot be taken back
      const unresumable = await dial('6003');
      // AND a caller who pressed 2 and talks to bob
      const talker = await dial('6003');
      await callers.recordWhen(talker, (r) => hasEntered(r, 'main-menu'), 20_000, 'talker at the menu');
      await waitUntil(
        () => promptsPlayed(callers.record(talker)!).some((prompt) => prompt.text === MENU),
        20_000,
        'the talker hears the menu',
      );
      await callers.press(talker, '2');
      await waitUntil(async () => (await bridgeHolding(talker.runtimeChannelId, 2)) !== undefined, 20_000, 'bridged');
      const dialBridge = (await bridgeHolding(talker.runtimeChannelId, 2))!;
      const bobChannel = dialBridge.channels.find((id) => id !== talker.runtimeChannelId)!;
      // AND a caller in conference room 7005
      const member = await dial(ROOM);
      await waitUntil(
        async () => (await callers.probe.bridges()).some((b) => b.id.startsWith(roomPrefix) && b.channels.length === 1),
        20_000,
        'the member in the room bridge',
      );
      const roomBridge = (await callers.probe.bridges()).find((b) => b.id.startsWith(roomPrefix))!;
      await callers.recordWhen(
        menuCaller,
        (r) => promptsPlayed(r).some((prompt) => prompt.text === MENU && prompt.outcome === 'finished'),
        30_000,
        'the menu heard to its end',
      );

      await callers.recordWhen(unresumable, (r) => hasEntered(r, 'main-menu'), 20_000, 'second caller at the menu');

      // WHEN the runtime is killed outright, and started again
      process.kill(first.pid, 'SIGKILL');
      await first.stop();
      workspace.db.sqlite.prepare('DELETE FROM call_positions WHERE call_id = ?').run(callers.record(unresumable)!.id);
      const restartedAt = Date.now();
      const second = await startRuntimeProcess(workspace, ari);
      runtimes.push(second);
      const connectedAt = (await second.health()).ari.since;

      // THEN each call is taken back within 5 s of the runtime connecting (and none closed as lost)
      const resumed = new Map<PlacedCall, CallRecord>();
      for (const call of [menuCaller, talker, member]) {
        const record = await callers.recordWhen(call, (r) => resumedAt(r) !== null, 10_000, 'resumed note');
        expect(record.endedAt, 'still running').toBeNull();
        expect(resumedAt(record)! - connectedAt).toBeLessThanOrEqual(5_000);
        resumed.set(call, record);
      }
      const figures = [...resumed.values()].map((record) => resumedAt(record)! - connectedAt);

      // AND the call without a position hears the goodbye, is hung up, and history says why
      const ended = await callers.recordWhen(unresumable, (r) => r.endedAt !== null, 15_000, 'unresumable ended');
      expect(ended.outcome).toBe('ended-after-restart');
      expect(ended.reason).toBe('Ended after a runtime restart (could not resume: no saved position for this call)');
      const endNote = ended.events.find((event) => event.detail?.message === 'ended after a runtime restart')!;
      expect(endNote.at - connectedAt).toBeLessThanOrEqual(5_000);
      expect(promptsPlayed(ended).at(-1)).toEqual({ text: GOODBYE, outcome: 'finished' });
      await waitUntil(
        async () => !(await callers.probe.channelIds()).includes(unresumable.runtimeChannelId),
        5_000,
        'the unresumable channel hung up',
      );
      console.info(
        `resumed ${figures.join(' / ')} ms after the runtime connected (${connectedAt - restartedAt} ms to start); ` +
          `the unresumable call ended (goodbye spoken) ${ended.endedAt! - connectedAt} ms after`,
      );

      // AND the menu caller hears the apology then the menu again, and a key pressed now takes its branch
      const apologised = await callers.recordWhen(
        menuCaller,
        (r) => hasEntered(r, 'main-menu', 2) && promptsPlayed(r).some((prompt) => prompt.text === APOLOGY),
        15_000,
        'apology then the menu again',
      );
      expect(nodesEntered(apologised)).toEqual(['start', 'welcome', 'main-menu', 'main-menu']);
      await callers.recordWhen(
        menuCaller,
        (r) => promptsPlayed(r).filter((prompt) => prompt.text === MENU).length >= 2,
        20_000,
        'menu played again',
      );
      const heard = promptsPlayed(callers.record(menuCaller)!).map((prompt) => prompt.text);
      expect(heard.slice(-2)).toEqual([APOLOGY, MENU]);
      await callers.press(menuCaller, '1');
      await callers.recordWhen(menuCaller, (r) => hasEntered(r, 'dial-alice'), 10_000, 'key 1 after the restart');

      // AND the conversation with bob is still bridged, both legs alive, no apology over it
      const stillBridged = await bridgeHolding(talker.runtimeChannelId, 2);
      expect(stillBridged?.id).toBe(dialBridge.id);
      expect(await callers.probe.channelIds()).toEqual(
        expect.arrayContaining([talker.runtimeChannelId, talker.callerChannelId, bobChannel]),
      );
      expect(promptsPlayed(callers.record(talker)!).map((prompt) => prompt.text)).not.toContain(APOLOGY);

      // AND the conference caller is still in the room's bridge, which the runtime keeps
      const room = (await callers.probe.bridges()).find((b) => b.id === roomBridge.id);
      expect(room?.channels).toEqual([member.runtimeChannelId]);

      // WHEN the talker hangs up, THEN bob is hung up, the bridge goes, and history tells the whole conversation
      await callers.hangUp(talker);
      await waitUntil(
        async () => !(await callers.probe.channelIds()).includes(bobChannel),
        5_000,
        "bob's leg hung up by the resumed runtime",
      );
      const talkRecord = await callers.recordWhen(talker, (r) => r.endedAt !== null, 5_000, 'talker record closed');
      expect(talkRecord.outcome).toBe('caller-hung-up');
      const dialEvents = talkRecord.events.filter((event) => event.kind === 'dial');
      expect(dialEvents).toHaveLength(1);
      expect(dialEvents[0]!.detail).toMatchObject({ endpoint: personDialString('bob'), outcome: 'answered' });
      expect(Number(dialEvents[0]!.detail?.talkMs)).toBeGreaterThan(1_000);
      await waitUntil(
        async () => !(await callers.probe.bridges()).some((bridge) => bridge.id === dialBridge.id),
        5_000,
        'the dial bridge destroyed',
      );
      const phone = await bobPhone.done;
      expect(phone.exitCode, phone.output).toBe(0);

      // WHEN the conference caller hangs up, THEN the room closes (its bridge destroyed) and history says so
      await callers.hangUp(member);
      // (The executor writes "left" once the room has let the caller go, which may be just after the record closed.)
      const memberRecord = await callers.recordWhen(
        member,
        (r) => r.endedAt !== null && r.events.some((event) => event.detail?.left !== undefined),
        5_000,
        'member record closed, with the caller leaving the room',
      );
      expect(memberRecord.outcome).toBe('caller-hung-up');
      expect(memberRecord.events.filter((event) => event.kind === 'note').map((event) => event.detail)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ message: 'resumed after a runtime restart', hold: 'conference' }),
          expect.objectContaining({ conference: ROOM, left: 'hung-up' }),
        ]),
      );
      await waitUntil(
        async () => !(await callers.probe.bridges()).some((bridge) => bridge.id === roomBridge.id),
        5_000,
        'room bridge destroyed once empty',
      );
      await callers.hangUp(menuCaller);
    });
  });
});
