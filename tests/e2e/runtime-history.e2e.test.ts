// Issue 7 on the real Asterisk: calls the runtime process handled appear in history with the path each took, and
// the traffic the canvas draws (db/call-stats.ts flowTraffic) counts, for each edge of the 6003 menu, the calls that
// took it. What to expect is derived from what the test's callers did, not from the call records.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/runtime-history.e2e.test.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { flowTraffic } from '#db/call-stats.ts';
import { listCalls, type CallRecord } from '#db/calls.ts';
import { requireAriSettings } from '#runtime/ari/testing/asterisk.ts';
import { Callers, hasEntered, nodesEntered, type PlacedCall } from './testing/callers.ts';
import { withRegisteredPhone } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;

let workspace: RuntimeWorkspace;
let runtime: RuntimeProcess;
let callers: Callers;

beforeAll(async () => {
  workspace = await seededWorkspace();
  runtime = await startRuntimeProcess(workspace, ari);
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
}, 180_000);

beforeEach(() => {
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterAll(async () => {
  await callers?.stop();
  await runtime?.stop();
  workspace?.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One step through the 6003 graph (flows/examples/ivr-6003.json): leave `source` by `branch` into `target`. */
type Step = [source: string, branch: string, target: string];

/** What one caller did, written as the steps it must have taken, the keys it pressed and how its call ended. */
interface CallerScript {
  name: string;
  steps: Step[];
  digits: string[];
  outcome: 'completed' | 'caller-hung-up';
}

const GREETING: Step[] = [
  ['start', 'next', 'welcome'],
  ['welcome', 'next', 'main-menu'],
];
const SILENT_MENU: Step[] = [
  ['main-menu', 'timeout', 'no-input'],
  ['no-input', 'next', 'welcome'],
  ['welcome', 'next', 'main-menu'],
];

const scripts = {
  // Presses 2; bob's phone answers, talks 3 s and hangs up; the answered branch ends the call.
  pressesTwo: {
    name: 'presses 2, talks to bob',
    steps: [...GREETING, ['main-menu', '2', 'dial-bob'], ['dial-bob', 'answered', 'end-call']],
    digits: ['2'],
    outcome: 'completed',
  },
  // Presses 9, hears "Option non valide." and the menu again, and hangs up there.
  pressesNine: {
    name: 'presses 9, hangs up at the menu',
    steps: [
      ...GREETING,
      ['main-menu', 'invalid', 'invalid-option'],
      ['invalid-option', 'next', 'welcome'],
      ['welcome', 'next', 'main-menu'],
    ],
    digits: ['9'],
    outcome: 'caller-hung-up',
  },
  // Never presses a key: two timeouts, then the menu's failed branch says goodbye (retries: 2).
  silent: {
    name: 'stays silent',
    steps: [
      ...GREETING,
      ...SILENT_MENU,
      ...SILENT_MENU,
      ['main-menu', 'failed', 'goodbye'],
      ['goodbye', 'next', 'end-call'],
    ],
    digits: [],
    outcome: 'completed',
  },
} satisfies Record<string, CallerScript>;

/** The nodes a script enters, in order. */
function pathOf(script: CallerScript): string[] {
  return [script.steps[0]![0], ...script.steps.map(([, , target]) => target)];
}

/** How many of the scripts took each edge at least once (a loop taken twice by one call counts once). */
function expectedEdgeCounts(all: CallerScript[]): Map<string, number> {
  const callersByEdge = new Map<string, Set<string>>();
  for (const script of all) {
    for (const [source, branch, target] of script.steps) {
      const key = `${source} -${branch}-> ${target}`;
      callersByEdge.set(key, (callersByEdge.get(key) ?? new Set()).add(script.name));
    }
  }
  return new Map([...callersByEdge].map(([key, names]) => [key, names.size]));
}

async function waitForMenu(call: PlacedCall, visit = 1) {
  await callers.recordWhen(call, (record) => hasEntered(record, 'main-menu', visit), 30_000, `menu visit ${visit}`);
  await sleep(800); // into the menu prompt, so the key barges in
}

const ended = (call: PlacedCall, timeoutMs: number) =>
  callers.recordWhen(call, (r) => r.endedAt !== null, timeoutMs, 'call ended');

describe('call history and canvas traffic after real calls through 6003', () => {
  it('each call is in history with its path, and each edge counts the calls that took it', async () => {
    const from = Date.now();
    const records = new Map<CallerScript, CallRecord>();
    // GIVEN bob's phone answering, and three callers at once: one presses 2, one presses 9 then hangs up at the
    // menu, one stays silent until the flow says goodbye
    await withRegisteredPhone('bob', 'uas-answer-hangup', sipTarget, async (bobPhone) => {
      const [two, nine, silent] = await Promise.all([callers.dial('6003'), callers.dial('6003'), callers.dial('6003')]);
      try {
        await Promise.all([
          (async () => {
            await waitForMenu(two);
            await callers.press(two, '2');
            records.set(scripts.pressesTwo, await ended(two, 40_000));
          })(),
          (async () => {
            await waitForMenu(nine);
            await callers.press(nine, '9');
            await waitForMenu(nine, 2);
            await callers.hangUp(nine);
            records.set(scripts.pressesNine, await ended(nine, 10_000));
          })(),
          (async () => {
            records.set(scripts.silent, await ended(silent, 150_000));
          })(),
        ]);
      } finally {
        for (const call of [two, nine, silent]) await callers.hangUp(call);
      }
      const phone = await bobPhone.done;
      expect(phone.exitCode, phone.output).toBe(0);
    });
    const to = Date.now() + 1;
    const all: CallerScript[] = Object.values(scripts);

    // THEN history lists the three calls of the period, all to 6003 and all of one published version
    const listed = listCalls(workspace.db, { number: '6003', from, to, simulated: false, limit: 50 });
    expect(new Set(listed.calls.map((call) => call.id))).toEqual(
      new Set([...records.values()].map((record) => record.id)),
    );
    const [first] = [...records.values()];
    const { flowId, versionId } = first!;
    expect(flowId).not.toBeNull();
    expect(versionId).not.toBeNull();

    // AND each call's path in history is what its caller did: nodes entered, branches left by, keys, outcome
    for (const script of all) {
      const record = records.get(script)!;
      expect(record.versionId, script.name).toBe(versionId);
      expect(nodesEntered(record), script.name).toEqual(pathOf(script));
      const branchesLeft = record.events.filter((event) => event.kind === 'node-left').map((event) => event.branch);
      // The last node is left with no branch: a hangup node ends the call, or the caller hung up in it.
      expect(branchesLeft, script.name).toEqual([...script.steps.map(([, branch]) => branch), null]);
      // (a menu that times out records a digits event with no key in it)
      const keysPressed = record.events
        .filter((event) => event.kind === 'digits' && event.digits)
        .map((event) => event.digits);
      expect(keysPressed, script.name).toEqual(script.digits);
      expect(record.outcome, script.name).toBe(script.outcome);
    }

    // AND the traffic drawn on the canvas counts, for each edge, the callers that took it, and where they hung up
    const traffic = flowTraffic(workspace.db, { flowId: flowId!, from, to, simulated: false });
    expect(traffic.calls).toBe(all.length);
    expect(traffic.edges.every((edge) => edge.versionId === versionId)).toBe(true);
    const counted = new Map(
      traffic.edges.map((edge) => [`${edge.source} -${edge.branch}-> ${edge.target}`, edge.count]),
    );
    expect(counted).toEqual(expectedEdgeCounts(all));
    expect(counted.get('welcome -next-> main-menu')).toBe(3); // taken by every caller, twice or thrice by two of them
    expect(traffic.dropOff).toEqual([{ versionId, nodeId: 'main-menu', count: 1 }]);
    // AND simulated calls are kept apart: none in this period
    expect(flowTraffic(workspace.db, { flowId: flowId!, from, to, simulated: true })).toEqual({
      calls: 0,
      edges: [],
      dropOff: [],
    });
  }, 240_000);
});
