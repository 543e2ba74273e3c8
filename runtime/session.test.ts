import { describe, expect, it, vi } from 'vitest';
import { ChannelLost, type PromptMedia } from './call-port.ts';
import { log } from './log.ts';
import { MemoryPeopleDirectory, MemoryPromptSource, MemoryVoicemailBoxes } from './memory-ports.ts';
import type { PromptSource, PromptSpec } from './ports.ts';
import { DEFAULT_STEP_LIMIT, runCall } from './session.ts';
import { answerMenus, connect, draftNode, exampleFlow, simulate, typedFlow } from './testing/call-harness.ts';

const WELCOME = 'Bonjour, et bienvenue à la plateforme';
const MENU =
  'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.';
const APOLOGY = 'Nous sommes désolés, une erreur technique est survenue. Au revoir.';

function ivr6003() {
  return { flowId: 'ivr', document: exampleFlow('ivr-6003') };
}

describe('runCall on the 6003 menu (flows/examples/ivr-6003.json)', () => {
  it('answers, then plays the welcome and the menu in order', async () => {
    // GIVEN a call to 6003
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003' });
    const done = sim.run();
    // WHEN the menu waits for a key and the caller hangs up there
    await sim.call.waitingFor('digits');
    sim.call.hangUp();
    await done;
    // THEN the call was answered before the two prompts, which came in order
    expect(sim.call.transcript.slice(0, 3)).toEqual([
      { kind: 'answered' },
      expect.objectContaining({ kind: 'played', outcome: 'finished' }),
      expect.objectContaining({ kind: 'played', outcome: 'finished' }),
    ]);
    expect(sim.call.playedTexts()).toEqual([WELCOME, MENU]);
    expect(sim.visited()).toEqual(['start', 'welcome', 'main-menu']);
  });

  it('rings bob on key 2 and follows no-answer to his voicemail', async () => {
    // GIVEN a call to 6003 where bob will not answer
    const voicemail = new MemoryVoicemailBoxes([{ box: '6002', ownerName: 'Bob', pin: '1234' }]);
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', dialOutcomes: ['no-answer'], voicemail });
    const done = sim.run();
    // WHEN the caller presses 2, then leaves a 2 s message
    await answerMenus(sim.call, ['2']);
    await sim.call.waitingFor('record');
    sim.call.speakFor(2_000);
    sim.call.pressKeys('#');
    const summary = await done;
    // THEN PJSIP/bob was rung, the no-answer branch led to the voicemail node, and the call completed
    expect(sim.call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'bob', outcome: 'no-answer' });
    expect(sim.visited()).toEqual(['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob', 'end-call']);
    const leftDial = sim.events().find((event) => event.kind === 'node-left' && event.nodeId === 'dial-bob');
    expect(leftDial?.branch).toBe('no-answer');
    const dial = sim.events().find((event) => event.kind === 'dial');
    expect(dial?.detail).toMatchObject({ endpoint: 'Local/bob@switchboard-person/n', outcome: 'no-answer' });
    // The message is in bob's box and the caller heard so.
    expect(voicemail.messages('6002')).toHaveLength(1);
    expect(sim.call.playedTexts().at(-1)).toBe('Votre message a bien été enregistré. Au revoir.');
    expect(summary.outcome).toBe('completed');
    expect(sim.call.ended).toBe('flow');
  });

  it('says "Option non valide." on a wrong key, then offers the menu again', async () => {
    // GIVEN a call to 6003
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', dialOutcomes: ['answered'] });
    const done = sim.run();
    // WHEN the caller presses 9, then 1
    await answerMenus(sim.call, ['9', '1']);
    const summary = await done;
    // THEN the invalid prompt came between two menus, and 1 reached alice
    expect(sim.call.playedTexts()).toEqual([WELCOME, MENU, 'Option non valide.', WELCOME, MENU]);
    expect(sim.call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'alice', outcome: 'answered' });
    const digits = sim.events().filter((event) => event.kind === 'digits');
    expect(digits.map((event) => [event.digits, event.detail?.accepted])).toEqual([
      ['9', false],
      ['1', true],
    ]);
    expect(summary.outcome).toBe('completed');
  });

  it('says "Vous n\'avez pas saisi d\'option." after silence, then offers the menu again', async () => {
    // GIVEN a call to 6003
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', dialOutcomes: ['busy'] });
    const done = sim.run();
    // WHEN the caller lets the menu time out once, then presses 3
    await answerMenus(sim.call, ['silence', '3']);
    await done;
    // THEN the timeout prompt came between two menus, and 3 reached julien
    expect(sim.call.playedTexts().slice(0, 5)).toEqual([
      WELCOME,
      MENU,
      "Vous n'avez pas saisi d'option.",
      WELCOME,
      MENU,
    ]);
    expect(sim.call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'julien', outcome: 'busy' });
  });

  it('takes the failed branch once the retries are used up', async () => {
    // GIVEN the 6003 menu, which tolerates 2 extra failures
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003' });
    const done = sim.run();
    // WHEN the caller fails three times (wrong key, silence, wrong key)
    await answerMenus(sim.call, ['9', 'silence', '0']);
    const summary = await done;
    // THEN the first two failures take invalid/timeout and the third one "failed": goodbye, then hang up
    const menuExits = sim.events().filter((event) => event.kind === 'node-left' && event.nodeId === 'main-menu');
    expect(menuExits.map((event) => event.branch)).toEqual(['invalid', 'timeout', 'failed']);
    expect(sim.call.playedTexts().slice(-1)).toEqual(['Merci de votre appel. Au revoir.']);
    expect(sim.visited().slice(-2)).toEqual(['goodbye', 'end-call']);
    expect(summary.outcome).toBe('completed');
  });

  it('stops at once when the caller hangs up in the middle of a prompt, leaving nothing running', async () => {
    // GIVEN prompts that last a minute
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', playbackMs: 60_000 });
    const startedAt = Date.now();
    const done = sim.run();
    // WHEN the caller hangs up during the welcome prompt
    await sim.call.waitingFor('play');
    sim.call.hangUp();
    const summary = await done;
    // THEN the session ended at once, as caller-hung-up, with the welcome node left without a branch
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.recorder.calls[0]?.outcome).toBe('caller-hung-up');
    const last = sim.events().at(-1);
    expect(last).toMatchObject({ kind: 'node-left', nodeId: 'welcome', branch: null });
    expect(sim.call.transcript).toContainEqual(expect.objectContaining({ kind: 'played', outcome: 'cut-off' }));
    // AND no timer, wait or signal listener is left behind
    expect(sim.call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });

  it('records a call cut by Asterisk going away as lost, with why, not as the caller hanging up', async () => {
    // GIVEN a call in the middle of the welcome prompt
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', playbackMs: 60_000 });
    const done = sim.run();
    await sim.call.waitingFor('play');
    // WHEN its channel is lost (Asterisk restarted while the runtime was disconnected)
    sim.call.hangUp(new ChannelLost('Asterisk no longer has it after the ARI connection came back'));
    const summary = await done;
    // THEN history says lost, and why
    expect(summary.outcome).toBe('lost');
    expect(sim.recorder.calls[0]).toMatchObject({
      outcome: 'lost',
      reason: expect.stringContaining('Asterisk no longer has it'),
    });
  });

  it('stops at once when the caller hangs up while the menu waits for a key', async () => {
    // GIVEN a call waiting in the 6003 menu (5 s timeout)
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003' });
    const done = sim.run();
    await sim.call.waitingFor('digits');
    // WHEN the caller hangs up
    sim.call.hangUp();
    const summary = await done;
    // THEN nothing is pending and the menu node was left without a branch
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.events().at(-1)).toMatchObject({ kind: 'node-left', nodeId: 'main-menu', branch: null });
    expect(sim.call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });

  it('ends at once on hangup even when a port ignores the signal (a prompt render that never returns)', async () => {
    // GIVEN a prompt source stuck forever, deaf to aborts
    let asked = 0;
    const stuck: PromptSource = {
      prepare: () => {
        asked += 1;
        return new Promise<PromptMedia>(() => {});
      },
    };
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', prompts: stuck });
    const done = sim.run();
    await vi.waitFor(() => expect(asked).toBe(1));
    // WHEN the caller hangs up while the welcome prompt is being prepared
    sim.call.hangUp();
    const summary = await done;
    // THEN the session does not wait for the port: it ends as caller-hung-up
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.events().at(-1)).toMatchObject({ kind: 'node-left', nodeId: 'welcome', branch: null });
  });

  it('tells the onStep listener where the call is, with the version id', async () => {
    // GIVEN a call to 6003 answered by bob
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', dialOutcomes: ['answered'] });
    const done = sim.run();
    // WHEN the caller presses 2
    await answerMenus(sim.call, ['2']);
    await done;
    // THEN each node entered was reported in order
    expect(sim.steps).toEqual([
      ['start', 'ivr@v1'],
      ['welcome', 'ivr@v1'],
      ['main-menu', 'ivr@v1'],
      ['dial-bob', 'ivr@v1'],
      ['end-call', 'ivr@v1'],
    ]);
  });
});

describe('runCall at its edges', () => {
  it('tells a caller of an unknown number that it is not in service', async () => {
    // GIVEN no flow on 9999
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '9999' });
    // WHEN someone calls it
    const summary = await sim.run();
    // THEN they are answered, hear the message, and the call is recorded as not-in-service
    expect(sim.call.transcript.map((entry) => entry.kind)).toEqual(['answered', 'played', 'hung-up']);
    expect(sim.call.playedTexts()).toEqual(["Le numéro que vous avez demandé n'est pas en service."]);
    expect(summary).toMatchObject({ outcome: 'not-in-service', flowId: null, versionId: null, steps: 0 });
    expect(sim.recorder.calls[0]).toMatchObject({ dialledNumber: '9999', flowId: null, outcome: 'not-in-service' });
  });

  it('stops a loop of nodes that never wait at the step cap, with an apology', async () => {
    // GIVEN start -> set -> branch -> set ... (validation forbids this graph; it is built by hand)
    const document = typedFlow({
      numbers: ['6010'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('count', 'set', { assignments: [{ variable: 'n', value: '{{n}}1' }] }),
        draftNode('check', 'branch', {
          conditions: [{ id: 'never', subject: { kind: 'variable', name: 'n' }, operator: 'equals', value: 'x' }],
        }),
      ],
      edges: [connect('start', 'next', 'count'), connect('count', 'next', 'check'), connect('check', 'else', 'count')],
    });
    const sim = simulate({ flows: [{ flowId: 'loop', document }], dialledNumber: '6010' });
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN it ran exactly the default cap of nodes, apologised and hung up with outcome step-limit
    expect(summary.steps).toBe(DEFAULT_STEP_LIMIT);
    expect(summary.outcome).toBe('step-limit');
    expect(summary.reason).toMatch(/more than 500 nodes/);
    expect(sim.call.playedTexts()).toEqual([APOLOGY]);
    expect(sim.call.ended).toBe('flow');
    expect(sim.events().filter((event) => event.kind === 'error')).toHaveLength(1);
  });

  it('apologises and records the error when an executor fails', async () => {
    // GIVEN a prompt source that cannot render one sentence
    const working = new MemoryPromptSource();
    const failing: PromptSource = {
      prepare(prompt: PromptSpec, signal: AbortSignal): Promise<PromptMedia> {
        if (prompt.text === 'Boum.') return Promise.reject(new Error('The TTS provider timed out'));
        return working.prepare(prompt, signal);
      },
    };
    const document = typedFlow({
      numbers: ['6011'],
      nodes: [draftNode('start', 'start'), draftNode('boom', 'say', { text: 'Boum.' })],
      edges: [connect('start', 'next', 'boom')],
    });
    const sim = simulate({ flows: [{ flowId: 'boom', document }], dialledNumber: '6011', prompts: failing });
    // WHEN a call reaches the say node
    const summary = await sim.run();
    // THEN the caller hears the apology, the call ends as error with the message, the node is left without branch
    expect(sim.call.playedTexts()).toEqual([APOLOGY]);
    expect(summary).toMatchObject({ outcome: 'error', reason: 'The TTS provider timed out' });
    expect(sim.recorder.calls[0]).toMatchObject({ outcome: 'error', reason: 'The TTS provider timed out' });
    const kinds = sim.events().map((event) => [event.kind, event.nodeId ?? null]);
    expect(kinds).toEqual([
      ['node-entered', 'start'],
      ['node-left', 'start'],
      ['node-entered', 'boom'],
      ['node-left', 'boom'],
      ['error', 'boom'],
      ['prompt-played', null],
    ]);
    expect(sim.events()[3]?.branch).toBeNull();
  });

  it('ends the call when a branch has no edge, as completed', async () => {
    // GIVEN start -> say, with nothing after the say
    const document = typedFlow({
      numbers: ['6012'],
      nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Bonjour.' })],
      edges: [connect('start', 'next', 'hello')],
    });
    const sim = simulate({ flows: [{ flowId: 'short', document }], dialledNumber: '6012' });
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN it says hello, hangs up and completes
    expect(sim.call.playedTexts()).toEqual(['Bonjour.']);
    expect(sim.call.ended).toBe('flow');
    expect(summary).toMatchObject({ outcome: 'completed', steps: 2, flowId: 'short', versionId: 'short@v1' });
    expect(sim.events().at(-1)).toMatchObject({ kind: 'node-left', nodeId: 'hello', branch: 'next' });
  });

  it('keeps the version it started with when a new one is published during the call', async () => {
    // GIVEN version 1 of a flow whose menu key 1 says "Version une."
    const versionOf = (label: string) =>
      typedFlow({
        numbers: ['6013'],
        nodes: [
          draftNode('start', 'start'),
          draftNode('menu', 'menu', { prompt: { text: 'Appuyez sur 1.' }, options: [{ digit: '1' }] }),
          draftNode('said', 'say', { text: `Version ${label}.` }),
        ],
        edges: [connect('start', 'next', 'menu'), connect('menu', '1', 'said')],
      });
    const sim = simulate({ flows: [{ flowId: 'versions', document: versionOf('une') }], dialledNumber: '6013' });
    const done = sim.run();
    await sim.call.waitingFor('digits');
    // WHEN version 2 is published while the caller is in the menu, and then they press 1
    sim.flows.publish('versions', versionOf('deux'));
    sim.call.pressKeys('1');
    const summary = await done;
    // THEN the call goes on in version 1; the number now leads new calls to version 2
    expect(sim.call.playedTexts()).toEqual(['Appuyez sur 1.', 'Version une.']);
    expect(summary.versionId).toBe('versions@v1');
    expect(new Set(sim.events().map((event) => event.versionId))).toEqual(new Set(['versions@v1']));
    expect(sim.flows.publishedFlowForNumber('6013')?.versionId).toBe('versions@v2');
  });

  it('enters the flow of another number on goto, and records it', async () => {
    // GIVEN 6014 going to 6002 (bob's flow, from the examples)
    const entry = typedFlow({
      numbers: ['6014'],
      nodes: [draftNode('start', 'start'), draftNode('to-bob', 'goto', { target: { kind: 'number', number: '6002' } })],
      edges: [connect('start', 'next', 'to-bob')],
    });
    const sim = simulate({
      flows: [
        { flowId: 'entry', document: entry },
        { flowId: 'bob', document: exampleFlow('person-6002') },
      ],
      dialledNumber: '6014',
      dialOutcomes: ['answered'],
    });
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN it continued at bob's start node, in bob's version, and rang him
    expect(sim.steps).toEqual([
      ['start', 'entry@v1'],
      ['to-bob', 'entry@v1'],
      ['start', 'bob@v1'],
      ['dial-bob', 'bob@v1'],
      ['end-call', 'bob@v1'],
    ]);
    const entered = sim.events().find((event) => event.kind === 'flow-entered');
    expect(entered).toMatchObject({ versionId: 'bob@v1', detail: { flowId: 'bob', versionNumber: 1 } });
    expect(sim.call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'bob', outcome: 'answered' });
    expect(summary).toMatchObject({ outcome: 'completed', versionId: 'entry@v1' });
  });

  it('stops the call, hung up, when the runtime stops the session', async () => {
    // GIVEN a call waiting in a menu
    const stop = new AbortController();
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003', stop: stop.signal });
    const done = sim.run();
    await sim.call.waitingFor('digits');
    // WHEN the runtime stops the session
    stop.abort(new Error('shutting down'));
    const summary = await done;
    // THEN the call is hung up without an apology and recorded as an error saying why
    expect(summary).toMatchObject({ outcome: 'error', reason: 'The session was stopped: shutting down' });
    expect(sim.call.ended).toBe('flow');
    expect(sim.call.playedTexts()).toEqual([WELCOME, MENU]);
    expect(sim.call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });

  it('apologises and rejects when the call cannot even be recorded', async () => {
    // GIVEN a recorder whose storage is down
    const sim = simulate({ flows: [ivr6003()], dialledNumber: '6003' });
    sim.recorder.startCall = () => {
      throw new Error('SQLITE_BUSY: database is locked');
    };
    // WHEN a call arrives
    // THEN runCall rejects with the storage error, after the caller heard the apology and was hung up
    await expect(sim.run()).rejects.toThrow('SQLITE_BUSY');
    expect(sim.call.playedTexts()).toEqual([APOLOGY]);
    expect(sim.call.ended).toBe('flow');
  });

  it('records every event with its time, node, type and version', async () => {
    // GIVEN a clock and a two-node flow
    let clock = 1_000;
    const document = typedFlow({
      numbers: ['6015'],
      nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Bonjour.' })],
      edges: [connect('start', 'next', 'hello')],
    });
    const sim = simulate({ flows: [{ flowId: 'clock', document }], dialledNumber: '6015' });
    // WHEN the call runs with that clock
    await runCall(sim.call, {
      flows: sim.flows,
      people: new MemoryPeopleDirectory(),
      prompts: sim.prompts,
      recorder: sim.recorder,
      logger: log,
      now: () => (clock += 1),
    });
    // THEN events are stamped in order and carry their node and version
    const recorded = sim.recorder.calls[0]!;
    expect(recorded.startedAt).toBe(1_001);
    expect(sim.events().map((event) => [event.at, event.kind, event.nodeType, event.versionId])).toEqual([
      [1_002, 'node-entered', 'start', 'clock@v1'],
      [1_003, 'node-left', 'start', 'clock@v1'],
      [1_004, 'node-entered', 'say', 'clock@v1'],
      [1_005, 'prompt-played', 'say', 'clock@v1'],
      [1_006, 'node-left', 'say', 'clock@v1'],
    ]);
    expect(sim.events()[3]?.detail).toMatchObject({
      text: 'Bonjour.',
      outcome: 'finished',
      hash: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(recorded.endedAt).toBe(1_007);
  });
});
