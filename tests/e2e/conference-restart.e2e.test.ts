// Issues 6 and 11 end to end: a crash of Switchboard in the middle of a conference leaves nobody stuck in silence.
// The runtime is a child process (`npm run runtime`) killed with SIGKILL while two callers talk in a room and a third
// waits for the moderator of another; the next runtime, on connecting, takes the room's bridge back with both talkers
// still in it, puts the third back to waiting, and closes the bridges nobody uses any more.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/conference-restart.e2e.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '#db/flows.ts';
import { conferenceBridgePrefix, waitingBridgePrefix } from '#runtime/ari/conference-media.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { connect, draftNode, typedFlow } from '#runtime/testing/call-harness.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { Callers } from './testing/callers.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';

const ari = requireAriSettings();
const prefix = `${conferenceBridgePrefix(ari.app)}7002-`;
const waitingPrefix = `${waitingBridgePrefix(ari.app)}7000-`;

let workspace: RuntimeWorkspace;
let callers: Callers;
const runtimes: RuntimeProcess[] = [];

beforeAll(async () => {
  workspace = await seededWorkspace();
  // Room 7002: no PIN, no waiting, so callers are mixed in the room's bridge at once.
  const document = typedFlow({
    name: 'Salle 7002',
    numbers: ['7002'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('room', 'conference', { room: '7002', name: 'Salle 7002', announceCount: false }),
    ],
    edges: [connect('start', 'next', 'room')],
  });
  const { flowId } = createFlow(workspace.db, { document, author: 'test' });
  await publishFlow(workspace.db, { flowId, author: 'test' }, createPromptStore({ PROMPTS_DIR: workspace.promptsDir }));
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
}, 180_000);

afterAll(async () => {
  for (const runtime of runtimes) await runtime.stop();
  await callers?.probe.clearAll().catch(() => {});
  await callers?.stop();
  workspace?.remove();
});

async function roomBridges() {
  return (await callers.probe.bridges()).filter((bridge) => bridge.id.startsWith(prefix));
}

async function waitingBridges() {
  return (await callers.probe.bridges()).filter((bridge) => bridge.id.startsWith(waitingPrefix));
}

describe('a Switchboard crash during a conference', () => {
  it('keeps the talkers in their room and the waiting caller waiting once the runtime is back', async () => {
    // GIVEN two callers talking in room 7002, run by a first runtime
    const first = await startRuntimeProcess(workspace, ari);
    runtimes.push(first);
    const a = await callers.dial('7002');
    const b = await callers.dial('7002');
    await waitUntil(
      async () => (await roomBridges())[0]?.channels.length === 2,
      30_000,
      'both callers in the room bridge',
    );
    // AND a third waiting in room 7000 (the example: PIN 1111, waits for its moderator)
    const c = await callers.dial('7000');
    await callers.recordWhen(c, (r) => r.events.some((e) => e.kind === 'prompt-played'), 20_000, 'welcome heard');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await callers.press(c, '1111#');
    await waitUntil(
      async () => (await waitingBridges())[0]?.channels.includes(c.runtimeChannelId) ?? false,
      30_000,
      'third caller waiting',
    );
    // WHEN the runtime is killed outright (no clean-up of its own)
    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    // THEN Asterisk still has the bridge and the callers: nobody cleaned up yet
    expect(await roomBridges()).toHaveLength(1);
    expect(await waitingBridges()).toHaveLength(1);
    const roomBridge = (await roomBridges())[0]!;
    const oldWaiting = (await waitingBridges())[0]!;
    // WHEN the runtime starts again
    const second = await startRuntimeProcess(workspace, ari);
    runtimes.push(second);
    // THEN the three calls are taken back, none closed as lost
    for (const call of [a, b, c]) {
      const record = await callers.recordWhen(
        call,
        (r) => r.events.some((e) => e.kind === 'note' && e.detail?.message === 'resumed after a runtime restart'),
        10_000,
        'call resumed',
      );
      expect(record.endedAt).toBeNull();
    }
    // AND the two talkers are still together in the same room bridge, which the runtime keeps
    const [bridge] = await roomBridges();
    expect(bridge?.id).toBe(roomBridge.id);
    expect([...(bridge?.channels ?? [])].sort()).toEqual([a.runtimeChannelId, b.runtimeChannelId].sort());
    // AND the third waits for the moderator again, in one holding bridge (the old one is gone)
    await waitUntil(
      async () => {
        const waiting = await waitingBridges();
        return (
          waiting.length === 1 && waiting[0]!.id !== oldWaiting.id && waiting[0]!.channels.includes(c.runtimeChannelId)
        );
      },
      10_000,
      'third caller waiting again in a new holding bridge',
    );
    // AND the room is live in the new runtime: when both talkers leave, it closes and its bridge goes
    await callers.hangUp(a);
    await callers.hangUp(b);
    await waitUntil(async () => (await roomBridges()).length === 0, 10_000, 'room bridge destroyed once empty');
    for (const call of [a, b]) {
      const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 10_000, 'record closed');
      expect(record.outcome).toBe('caller-hung-up');
    }
    await callers.hangUp(c);
    await waitUntil(async () => (await waitingBridges()).length === 0, 10_000, 'holding bridge destroyed once empty');
    const waited = await callers.recordWhen(c, (r) => r.endedAt !== null, 10_000, 'record closed');
    expect(waited.outcome).toBe('caller-hung-up');
  });
});
