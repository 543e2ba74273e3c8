// Issue 6 end to end: a crash of Switchboard in the middle of a conference leaves no orphan bridge and nobody stuck.
// The runtime is a child process (`npm run runtime`) killed with SIGKILL while two callers talk in a room and a third
// waits for the moderator of another; the next runtime, on connecting, destroys the bridges and hangs up the callers.
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
  it('leaves no orphan bridge and no caller stuck once the runtime is back', async () => {
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
    // WHEN the runtime starts again
    runtimes.push(await startRuntimeProcess(workspace, ari));
    // THEN the orphan bridge is destroyed and both callers are hung up
    await waitUntil(
      async () => (await roomBridges()).length === 0 && (await waitingBridges()).length === 0,
      20_000,
      'orphan bridges destroyed',
    );
    await waitUntil(
      async () => {
        const channels = await callers.probe.channelIds();
        return [a, b, c].every(
          (call) => !channels.includes(call.runtimeChannelId) && !channels.includes(call.callerChannelId),
        );
      },
      20_000,
      'callers hung up',
    );
    // AND their call records are closed (lost with the first runtime), none left running
    for (const call of [a, b, c]) {
      const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 10_000, 'record closed');
      expect(record.outcome).toBe('lost');
    }
  });
});
