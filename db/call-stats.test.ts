import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { log } from '#runtime/log.ts';
import { MemoryPromptSource } from '#runtime/memory-ports.ts';
import type { CallOutcome, CallRecorder } from '#runtime/ports.ts';
import { runCall } from '#runtime/session.ts';
import { SimulatedCall } from '#runtime/simulated-call.ts';
import { answerMenus } from '#runtime/testing/call-harness.ts';
import { flowTraffic, runningCallNodes } from './call-stats.ts';
import { createCallRecorder } from './calls.ts';
import type { SwitchboardDb } from './client.ts';
import { createFlowDirectory, createPeopleDirectory } from './directory.ts';
import { createFlow, publishVersion } from './flows.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
let recorder: CallRecorder;
let flowId: string;
let versionId: string;
let otherFlowId: string;
let otherVersionId: string;

beforeEach(() => {
  temp = openTempDatabase();
  db = temp.db;
  recorder = createCallRecorder(db);
  flowId = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' }).flowId;
  versionId = publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' }).versionId;
  otherFlowId = createFlow(db, { document: frenchFlow('Autre', []), author: 'a' }).flowId;
  otherVersionId = publishVersion(db, {
    flowId: otherFlowId,
    document: frenchFlow('Autre', ['6099']),
    author: 'a',
  }).versionId;
});
afterEach(() => temp.dispose());

/** A step of a hand-written path: a node, and the branch it is left by (null: the call ended inside it). */
type Step = [nodeId: string, branch: string | null] | { goto: string };

/** Records a call the way the session does: node-entered, node-left (with its branch), a flow-entered for a goto. */
function recordCall(options: {
  startedAt: number;
  steps: Step[];
  outcome: CallOutcome;
  simulated?: boolean;
  flow?: string;
  version?: string;
}): string {
  let version = options.version ?? versionId;
  const callId = recorder.startCall({
    channelId: `chan-${Math.random()}`,
    dialledNumber: '6003',
    callerNumber: '0612345678',
    callerName: '',
    simulated: options.simulated ?? false,
    flowId: options.flow ?? flowId,
    versionId: version,
    startedAt: options.startedAt,
  });
  let at = options.startedAt;
  for (const step of options.steps) {
    if ('goto' in step) {
      version = step.goto;
      recorder.appendEvent(callId, { kind: 'flow-entered', at: ++at, versionId: version });
      continue;
    }
    const [nodeId, branch] = step;
    recorder.appendEvent(callId, { kind: 'node-entered', at: ++at, nodeId, nodeType: 'say', versionId: version });
    recorder.appendEvent(callId, {
      kind: 'prompt-played',
      at: ++at,
      nodeId,
      detail: { text: 'Bonjour' },
      versionId: version,
    });
    recorder.appendEvent(callId, { kind: 'node-left', at: ++at, nodeId, nodeType: 'say', branch, versionId: version });
  }
  recorder.endCall(callId, options.outcome, ++at);
  return callId;
}

const HOUR = 3_600_000;
const edge = (source: string, branch: string, target: string, count: number, version = versionId) => ({
  versionId: version,
  source,
  branch,
  target,
  count,
});

describe('flowTraffic', () => {
  it('counts the calls of the period that took each edge, and where callers hung up', () => {
    // GIVEN calls of the flow in the period: two went through the menu to "fin", one hung up in the menu
    recordCall({
      startedAt: 10 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', 'next'],
        ['menu', '1'],
        ['fin', null],
      ],
      outcome: 'completed',
    });
    recordCall({
      startedAt: 11 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', 'next'],
        ['menu', '2'],
        ['fin', null],
      ],
      outcome: 'completed',
    });
    recordCall({
      startedAt: 12 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', 'next'],
        ['menu', null],
      ],
      outcome: 'caller-hung-up',
    });
    // ...and calls that must not count: before and at the end of the period, simulated, another flow's
    recordCall({
      startedAt: 9 * HOUR - 1,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
    });
    recordCall({
      startedAt: 13 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
    });
    recordCall({
      startedAt: 10 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
      simulated: true,
    });
    recordCall({
      startedAt: 10 * HOUR,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
      flow: otherFlowId,
      version: otherVersionId,
    });

    // WHEN the traffic of [9 h, 13 h) is asked for
    const traffic = flowTraffic(db, { flowId, from: 9 * HOUR, to: 13 * HOUR, simulated: false });

    // THEN
    expect(traffic.calls).toBe(3);
    expect(traffic.edges).toEqual([
      edge('bienvenue', 'next', 'menu', 3),
      edge('menu', '1', 'fin', 1),
      edge('menu', '2', 'fin', 1),
      edge('start', 'next', 'bienvenue', 3),
    ]);
    expect(traffic.dropOff).toEqual([{ versionId, nodeId: 'menu', count: 1 }]);
  });

  it('keeps simulated calls apart from real ones', () => {
    recordCall({
      startedAt: 10,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
      simulated: true,
    });
    recordCall({
      startedAt: 20,
      steps: [
        ['start', 'next'],
        ['bienvenue', 'next'],
        ['menu', '1'],
        ['fin', null],
      ],
      outcome: 'completed',
    });

    const simulated = flowTraffic(db, { flowId, from: 0, to: 100, simulated: true });
    expect(simulated).toEqual({
      calls: 1,
      edges: [edge('start', 'next', 'bienvenue', 1)],
      dropOff: [{ versionId, nodeId: 'bienvenue', count: 1 }],
    });
    expect(flowTraffic(db, { flowId, from: 0, to: 100, simulated: false }).edges).toHaveLength(3);
  });

  it('counts a call once per edge however many times it loops through it', () => {
    // GIVEN one caller who let the menu time out back to the welcome twice, then pressed 1
    recordCall({
      startedAt: 5,
      steps: [
        ['start', 'next'],
        ['bienvenue', 'next'],
        ['menu', 'timeout'],
        ['bienvenue', 'next'],
        ['menu', 'timeout'],
        ['bienvenue', 'next'],
        ['menu', '1'],
        ['fin', null],
      ],
      outcome: 'completed',
    });
    const traffic = flowTraffic(db, { flowId, from: 0, to: 100, simulated: false });
    expect(traffic.edges).toEqual([
      edge('bienvenue', 'next', 'menu', 1),
      edge('menu', '1', 'fin', 1),
      edge('menu', 'timeout', 'bienvenue', 1),
      edge('start', 'next', 'bienvenue', 1),
    ]);
  });

  it('does not take a goto for an edge nor for a drop-off, and reports the other flow’s edges under its version', () => {
    // GIVEN a caller sent by a goto node to the other flow, who hangs up there
    recordCall({
      startedAt: 5,
      steps: [['start', 'next'], ['renvoi', null], { goto: otherVersionId }, ['start', 'next'], ['bienvenue', null]],
      outcome: 'caller-hung-up',
    });
    const traffic = flowTraffic(db, { flowId, from: 0, to: 100, simulated: false });
    expect(traffic.edges).toEqual(
      [edge('start', 'next', 'renvoi', 1), edge('start', 'next', 'bienvenue', 1, otherVersionId)].sort((a, b) =>
        a.versionId.localeCompare(b.versionId),
      ),
    );
    expect(traffic.dropOff).toEqual([{ versionId: otherVersionId, nodeId: 'bienvenue', count: 1 }]);
  });

  it('does not count a call that ended in error as a drop-off', () => {
    recordCall({
      startedAt: 5,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'error',
    });
    expect(flowTraffic(db, { flowId, from: 0, to: 100, simulated: false }).dropOff).toEqual([]);
  });

  it('reads the events the real session writes', async () => {
    // GIVEN two calls run by the session on this database: one presses 1, one hangs up during the menu
    const deps = {
      flows: createFlowDirectory(db),
      people: createPeopleDirectory(db),
      prompts: new MemoryPromptSource(),
      recorder,
      logger: log,
    };
    const before = Date.now();
    const pressing = new SimulatedCall({ dialledNumber: '6003' });
    const pressed = runCall(pressing, deps);
    await answerMenus(pressing, ['1']);
    expect((await pressed).outcome).toBe('completed');

    const leaving = new SimulatedCall({ dialledNumber: '6003' });
    const left = runCall(leaving, deps);
    await leaving.waitingFor('digits');
    leaving.hangUp();
    expect((await left).outcome).toBe('caller-hung-up');

    // THEN (SimulatedCall is a simulated call)
    const traffic = flowTraffic(db, { flowId, from: before, to: Date.now() + 1, simulated: true });
    expect(traffic).toEqual({
      calls: 2,
      edges: [edge('bienvenue', 'next', 'menu', 2), edge('menu', '1', 'fin', 1), edge('start', 'next', 'bienvenue', 2)],
      dropOff: [{ versionId, nodeId: 'menu', count: 1 }],
    });
  });

  it('refuses a period that is not one', () => {
    expect(() => flowTraffic(db, { flowId, from: 10, to: 5, simulated: false })).toThrow(
      /starts \(10\) after it ends \(5\)/,
    );
    expect(() => flowTraffic(db, { flowId, from: Number.NaN, to: 5, simulated: false })).toThrow(/whole milliseconds/);
  });
});

describe('runningCallNodes', () => {
  it('lists the flow’s real calls still running with the node each entered last', () => {
    // GIVEN a call at the menu, a call that has not reached a node yet, and calls that must not show
    const atMenu = recorder.startCall({
      channelId: 'c1',
      dialledNumber: '6003',
      callerNumber: '',
      callerName: '',
      simulated: false,
      flowId,
      versionId,
      startedAt: 1,
    });
    for (const [kind, nodeId, branch] of [
      ['node-entered', 'start', null],
      ['node-left', 'start', 'next'],
      ['node-entered', 'menu', null],
    ] as const) {
      recorder.appendEvent(atMenu, { kind, at: 2, nodeId, branch, versionId });
    }
    const fresh = recorder.startCall({
      channelId: 'c2',
      dialledNumber: '6003',
      callerNumber: '',
      callerName: '',
      simulated: false,
      flowId,
      versionId,
      startedAt: 1,
    });
    recordCall({
      startedAt: 1,
      steps: [
        ['start', 'next'],
        ['bienvenue', null],
      ],
      outcome: 'caller-hung-up',
    });
    recorder.startCall({
      channelId: 'c3',
      dialledNumber: '6003',
      callerNumber: '',
      callerName: '',
      simulated: true,
      flowId,
      versionId,
      startedAt: 1,
    });

    // THEN
    expect(runningCallNodes(db, flowId).sort((a, b) => a.callId.localeCompare(b.callId))).toEqual(
      [
        { callId: atMenu, nodeId: 'menu', versionId },
        { callId: fresh, nodeId: null, versionId: null },
      ].sort((a, b) => a.callId.localeCompare(b.callId)),
    );
    expect(runningCallNodes(db, otherFlowId)).toEqual([]);
  });
});
