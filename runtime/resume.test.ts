import { describe, expect, it } from 'vitest';
import type { DialResult, ResumeDialRequest } from './call-port.ts';
import { log } from './log.ts';
import {
  MemoryCallRecorder,
  MemoryFlowDirectory,
  MemoryPeopleDirectory,
  MemoryPromptSource,
  MemoryVoicemailBoxes,
} from './memory-ports.ts';
import { builtInPrompt } from './nodes/built-in-messages.ts';
import type { CallHold, CallPosition, OpenCall } from './ports.ts';
import { endAfterRestart, planResume, type SurvivorFacts } from './resume.ts';
import { runCall, type SessionDeps } from './session.ts';
import { SimulatedCall } from './simulated-call.ts';
import {
  answerMenus,
  connect,
  draftNode,
  exampleFlow,
  seedPeople,
  simulate,
  typedFlow,
} from './testing/call-harness.ts';

const MENU =
  'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.';
const APOLOGY = builtInPrompt('resumeApology', 'fr-FR').text;
const GOODBYE = builtInPrompt('restartGoodbye', 'fr-FR').text;

function directory() {
  const flows = new MemoryFlowDirectory([{ flowId: 'ivr', document: exampleFlow('ivr-6003') }]);
  const version = flows.publishedFlowById('ivr')!;
  return { flows, version };
}

function openCall(position: Partial<CallPosition> | null, versionId: string): OpenCall {
  return {
    callId: 'call-1',
    flowId: 'ivr',
    versionId,
    position:
      position === null ? null : { versionId, nodeId: 'main-menu', variables: {}, hold: null, at: 1, ...position },
  };
}

function facts(open: OpenCall | null, overrides: Partial<SurvivorFacts> = {}): SurvivorFacts {
  return {
    channelId: 'chan-1',
    open,
    flows: directory().flows,
    conferenceBridges: [],
    roomBridgePrefix: (room) => `conf-switchboard-${room}-`,
    ...overrides,
  };
}

describe('planResume: what a restarted runtime does with a call Asterisk still has', () => {
  const { flows, version } = directory();

  it('takes a caller in a menu back to that menu, with their variables, after the apology', () => {
    const plan = planResume(facts(openCall({ variables: { lang: 'fr' } }, version.versionId), { flows }));
    expect(plan).toEqual({
      kind: 'resume',
      resume: {
        callId: 'call-1',
        startedIn: version,
        flow: version,
        nodeId: 'main-menu',
        variables: { lang: 'fr' },
        hold: null,
        apologize: true,
      },
    });
  });

  it('takes a conversation back in its bridge, without an apology over it', () => {
    const hold: CallHold = { kind: 'dial', bridgeId: 'b-1', legId: 'dial-1', endpoint: 'PJSIP/bob', answeredAt: 5 };
    const plan = planResume(facts(openCall({ nodeId: 'dial-bob', hold }, version.versionId), { flows }));
    expect(plan).toMatchObject({ kind: 'resume', resume: { nodeId: 'dial-bob', hold, apologize: false } });
  });

  it('takes a queued caller back to their place; the queue node apologises once they have it back', () => {
    const queueFlows = new MemoryFlowDirectory([
      {
        flowId: 'q',
        document: typedFlow({
          numbers: ['8000'],
          nodes: [draftNode('start', 'start'), draftNode('q', 'queue', { department: 'Sales' })],
          edges: [connect('start', 'next', 'q')],
        }),
      },
    ]);
    const queueVersion = queueFlows.publishedFlowById('q')!;
    const hold: CallHold = { kind: 'queue', entryId: 'que_1', department: 'Sales' };
    const plan = planResume(facts(openCall({ nodeId: 'q', hold }, queueVersion.versionId), { flows: queueFlows }));
    expect(plan).toMatchObject({ kind: 'resume', resume: { nodeId: 'q', hold, apologize: false } });
  });

  it('rings again a dial that was still ringing (no hold saved)', () => {
    const plan = planResume(facts(openCall({ nodeId: 'dial-bob' }, version.versionId), { flows }));
    expect(plan).toMatchObject({ kind: 'resume', resume: { nodeId: 'dial-bob', hold: null, apologize: true } });
  });

  it("finds a conference caller's room bridge; one no longer mixed hears the apology and enters again", () => {
    const rooms = new MemoryFlowDirectory([{ flowId: 'conf', document: exampleFlow('conference-7000') }]);
    const room = rooms.publishedFlowById('conf')!;
    const node = room.document.nodes.find((candidate) => candidate.type === 'conference')!;
    const hold: CallHold = { kind: 'conference', room: '7000', role: 'participant' };
    const open = openCall({ nodeId: node.id, hold }, room.versionId);
    const bridges = [
      { id: 'conf-switchboard-70001-aaaa', channels: ['chan-1'] }, // another room whose number starts the same
      { id: 'conf-switchboard-7000-bbbb', channels: ['chan-2', 'chan-1'] },
    ];
    expect(planResume(facts(open, { flows: rooms, conferenceBridges: bridges }))).toMatchObject({
      kind: 'resume',
      resume: { hold: { ...hold, bridgeId: 'conf-switchboard-7000-bbbb' }, apologize: false },
    });
    expect(planResume(facts(open, { flows: rooms, conferenceBridges: [] }))).toMatchObject({
      kind: 'resume',
      resume: { hold: { ...hold, bridgeId: null }, apologize: true },
    });
  });

  it('ends, saying why, what cannot be taken back', () => {
    expect(planResume(facts(null))).toEqual({
      kind: 'end',
      callId: null,
      reason: 'no call record for this channel',
      language: null,
    });
    expect(planResume(facts(openCall(null, version.versionId)))).toMatchObject({ kind: 'end', callId: 'call-1' });
    expect(planResume(facts(openCall({}, 'ivr@v9'), { flows }))).toMatchObject({
      kind: 'end',
      reason: 'flow version ivr@v9 is not available',
    });
    expect(planResume(facts(openCall({ nodeId: 'gone' }, version.versionId), { flows }))).toMatchObject({
      kind: 'end',
      reason: 'node gone is not in flow "Standard - menu principal"',
    });
    expect(planResume(facts(openCall({ nodeId: 'end-call' }, version.versionId), { flows }))).toMatchObject({
      kind: 'end',
      reason: 'the call was ending in hangup node end-call',
    });
  });
});

function deps(flows: MemoryFlowDirectory) {
  const recorder = new MemoryCallRecorder();
  const prompts = new MemoryPromptSource();
  const sessionDeps: SessionDeps = {
    flows,
    people: new MemoryPeopleDirectory(seedPeople),
    prompts,
    recorder,
    logger: log,
    voicemail: new MemoryVoicemailBoxes([{ box: '6001', ownerName: 'Alice', pin: '1234' }]),
  };
  return { recorder, sessionDeps };
}

function startedCall(recorder: MemoryCallRecorder, versionId: string): string {
  return recorder.startCall({
    channelId: 'chan-1',
    dialledNumber: '6003',
    callerNumber: '0999',
    callerName: '',
    simulated: false,
    flowId: 'ivr',
    versionId,
    startedAt: 1,
  });
}

describe('positions and resumed sessions', () => {
  it('saves the position as the call enters each node, with its variables and version', async () => {
    const sim = simulate({ flows: [{ flowId: 'ivr', document: exampleFlow('ivr-6003') }], dialledNumber: '6003' });
    const done = sim.run();
    await sim.call.waitingFor('digits');
    const callId = sim.recorder.calls[0]!.id;
    const saved = sim.recorder.positions.get(callId)!;
    expect(saved.map((position) => position.nodeId)).toEqual(['start', 'welcome', 'main-menu']);
    expect(saved.at(-1)).toMatchObject({ versionId: 'ivr@v1', hold: null });
    expect(saved.at(-1)!.variables).toMatchObject({ dialled_number: '6003' });
    sim.call.hangUp();
    await done;
  });

  it('a resumed menu apologises, asks again, and a key takes its branch, in the same call record', async () => {
    // GIVEN a call the previous run left waiting in the 6003 menu
    const { flows, version } = directory();
    const { recorder, sessionDeps } = deps(flows);
    const callId = startedCall(recorder, version.versionId);
    const call = new SimulatedCall({ id: 'chan-1', dialledNumber: '6003', dialOutcomes: ['no-answer'] });
    // WHEN it is resumed there and the caller presses 1
    const done = runCall(call, sessionDeps, {
      resume: {
        callId,
        startedIn: version,
        flow: version,
        nodeId: 'main-menu',
        variables: { choice: 'kept' },
        hold: null,
        apologize: true,
      },
    });
    await answerMenus(call, ['1']);
    await call.waitingFor('record');
    call.hangUp();
    const summary = await done;
    // THEN the caller heard the apology then the menu, and key 1 rang alice (in the same record)
    expect(call.playedTexts().slice(0, 2)).toEqual([APOLOGY, MENU]);
    expect(call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'alice', outcome: 'no-answer' });
    expect(summary).toMatchObject({ callId, outcome: 'caller-hung-up', flowId: 'ivr' });
    const events = recorder.call(callId).events;
    expect(events[0]).toMatchObject({
      kind: 'note',
      nodeId: 'main-menu',
      detail: { message: 'resumed after a runtime restart' },
    });
    expect(events.filter((event) => event.kind === 'node-entered').map((event) => event.nodeId)).toEqual([
      'main-menu',
      'dial-alice',
      'vm-alice',
    ]);
    // AND its variables came back, and go on being saved
    expect(recorder.positions.get(callId)!.at(-1)!.variables).toMatchObject({ choice: 'kept' });
  });

  it('a resumed conversation waits for its end in the bridge, then follows "answered"', async () => {
    // GIVEN a call that was talking to bob in bridge b-1
    const { flows, version } = directory();
    const { recorder, sessionDeps } = deps(flows);
    const callId = startedCall(recorder, version.versionId);
    const call = new SimulatedCall({ id: 'chan-1', dialledNumber: '6003' });
    const resumed: ResumeDialRequest[] = [];
    let endTalk!: (result: DialResult) => void;
    // The simulator has no bridges to take back: this call stands in for an ARI port that has one.
    Object.assign(call, {
      resumeDial: (request: ResumeDialRequest) => {
        resumed.push(request);
        return new Promise<DialResult>((resolve) => (endTalk = resolve));
      },
    });
    const hold = { kind: 'dial', bridgeId: 'b-1', legId: 'dial-1', endpoint: 'PJSIP/bob', answeredAt: 100 } as const;
    const done = runCall(call, sessionDeps, {
      resume: { callId, startedIn: version, flow: version, nodeId: 'dial-bob', variables: {}, hold, apologize: false },
    });
    // WHEN bob hangs up after a while
    await new Promise((resolve) => setImmediate(resolve));
    expect(resumed).toMatchObject([{ bridgeId: 'b-1', legId: 'dial-1', answeredAt: 100 }]);
    expect(recorder.positions.get(callId)!.at(-1)).toMatchObject({ nodeId: 'dial-bob', hold });
    endTalk({ outcome: 'answered', talkMs: 4_000 });
    const summary = await done;
    // THEN no apology was played over the conversation, the dial is recorded, and the flow ended the call
    expect(call.playedTexts()).toEqual([]);
    expect(summary.outcome).toBe('completed');
    const dial = recorder.call(callId).events.find((event) => event.kind === 'dial');
    expect(dial?.detail).toMatchObject({
      endpoint: 'Local/bob@switchboard-person/n',
      outcome: 'answered',
      talkMs: 4_000,
    });
    expect(
      recorder
        .call(callId)
        .events.filter((e) => e.kind === 'node-entered')
        .map((e) => e.nodeId),
    ).toEqual(['dial-bob', 'end-call']);
  });
});

describe('endAfterRestart', () => {
  it('apologises, hangs up, and closes the call as ended-after-restart', async () => {
    const { flows, version } = directory();
    const { recorder, sessionDeps } = deps(flows);
    const callId = startedCall(recorder, version.versionId);
    const call = new SimulatedCall({ id: 'chan-1', dialledNumber: '6003' });
    await endAfterRestart(
      call,
      { kind: 'end', callId, reason: 'no saved position for this call', language: null },
      sessionDeps,
    );
    expect(call.playedTexts()).toEqual([GOODBYE]);
    expect(call.ended).toBe('flow');
    expect(recorder.call(callId)).toMatchObject({
      outcome: 'ended-after-restart',
      reason: 'Ended after a runtime restart (could not resume: no saved position for this call)',
    });
    expect(recorder.call(callId).events[0]).toMatchObject({
      kind: 'note',
      detail: { message: 'ended after a runtime restart' },
    });
  });

  it('writes a record for a call the database did not know', async () => {
    const { recorder, sessionDeps } = deps(directory().flows);
    const call = new SimulatedCall({ id: 'chan-9', dialledNumber: '6003' });
    await endAfterRestart(
      call,
      { kind: 'end', callId: null, reason: 'no call record for this channel', language: null },
      sessionDeps,
    );
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({ channelId: 'chan-9', outcome: 'ended-after-restart' });
  });
});
