import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder } from '#db/calls.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createQueueStore } from '#db/queues.ts';
import { draftVersionId } from '#runtime/simulator/draft-ports.ts';
import { createVersionOwners, liveCountsOf } from './live.server.ts';

let temp: TempDatabase;
let flowId: string;
let versionId: string;
let otherVersionId: string;

beforeEach(() => {
  temp = openTempDatabase();
  flowId = createFlow(temp.db, { document: frenchFlow('Accueil'), author: 'a' }).flowId;
  versionId = publishVersion(temp.db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' }).versionId;
  const otherFlowId = createFlow(temp.db, { document: frenchFlow('Autre', []), author: 'a' }).flowId;
  otherVersionId = publishVersion(temp.db, {
    flowId: otherFlowId,
    document: frenchFlow('Autre', ['6099']),
    author: 'a',
  }).versionId;
});
afterEach(() => temp.dispose());

const noSimulations = { liveCalls: () => [] };

describe('liveCountsOf', () => {
  it('counts the runtime’s calls in the flow’s versions per node, and test calls of its draft apart', () => {
    const runtimeCalls = new Map([
      ['a', { nodeId: 'menu', versionId }],
      ['b', { nodeId: 'menu', versionId }],
      ['c', { nodeId: 'bienvenue', versionId }],
      ['d', { nodeId: 'menu', versionId: otherVersionId }], // went on to another flow by a goto
      ['e', { nodeId: null, versionId: null }], // not in a node yet
    ]);
    const simulations = {
      liveCalls: () => [
        { simulationId: 's1', flowId, nodeId: 'menu', versionId: draftVersionId(flowId, 4) },
        { simulationId: 's2', flowId: 'flw_other', nodeId: 'menu', versionId: draftVersionId('flw_other', 1) },
      ],
    };
    const counts = liveCountsOf(
      { db: temp.db, liveCalls: () => runtimeCalls },
      simulations,
      flowId,
      createVersionOwners(temp.db),
    );
    expect(counts).toEqual({ real: { menu: 2, bienvenue: 1 }, simulated: { menu: 1 } });
  });

  it('reads running calls from the database when the runtime runs in another process', () => {
    const recorder = createCallRecorder(temp.db);
    const callId = recorder.startCall({
      channelId: 'c1',
      dialledNumber: '6003',
      callerNumber: '',
      callerName: '',
      simulated: false,
      flowId,
      versionId,
      startedAt: 1,
    });
    recorder.appendEvent(callId, { kind: 'node-entered', at: 2, nodeId: 'start', versionId });
    recorder.appendEvent(callId, { kind: 'node-left', at: 3, nodeId: 'start', branch: 'next', versionId });
    recorder.appendEvent(callId, { kind: 'node-entered', at: 4, nodeId: 'bienvenue', versionId });
    expect(liveCountsOf({ db: temp.db }, noSimulations, flowId, createVersionOwners(temp.db))).toEqual({
      real: { bienvenue: 1 },
      simulated: {},
    });
    recorder.endCall(callId, 'completed', 5);
    expect(liveCountsOf({ db: temp.db }, noSimulations, flowId, createVersionOwners(temp.db))).toEqual({
      real: {},
      simulated: {},
    });
  });

  it('tells callers waiting in a queue from those talking to an agent, real and test calls alike', () => {
    // GIVEN three real calls in the queue node, one of them still holding its place (saved by the runtime)
    createQueueStore(temp.db).saveEntry({
      id: 'que_1',
      department: 'Support',
      priority: 0,
      seq: 1,
      enteredAt: 1,
      kind: 'caller',
      channelId: 'chan-a',
      callId: 'call-a',
      callerNumber: '0601',
      callerName: '',
      callbackEndpoint: null,
      callbackAttempts: 0,
      historyId: 'qcl_1',
    });
    const runtimeCalls = new Map([
      ['chan-a', { nodeId: 'file', versionId, callId: 'call-a' }],
      ['chan-b', { nodeId: 'file', versionId, callId: 'call-b' }],
      ['chan-c', { nodeId: 'menu', versionId, callId: 'call-c' }],
    ]);
    // and two test calls in it, one waiting
    const simulations = {
      liveCalls: () => [
        { nodeId: 'file', versionId: draftVersionId(flowId, 2), waitingInQueue: true },
        { nodeId: 'file', versionId: draftVersionId(flowId, 2), waitingInQueue: false },
      ],
    };
    // THEN the counts say how many of each node's calls wait; the canvas shows the rest of a queue node as talking
    expect(
      liveCountsOf({ db: temp.db, liveCalls: () => runtimeCalls }, simulations, flowId, createVersionOwners(temp.db)),
    ).toEqual({
      real: { file: 2, menu: 1 },
      simulated: { file: 2 },
      waiting: { real: { file: 1 }, simulated: { file: 1 } },
    });
  });
});
