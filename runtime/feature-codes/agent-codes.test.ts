import { describe, expect, it } from 'vitest';
import { MemoryCallRecorder, MemoryPeopleDirectory, MemoryPromptSource } from '../memory-ports.ts';
import type { AgentState } from '../queue/departments.ts';
import { SimulatedCall } from '../simulated-call.ts';
import { agentLoginCode, agentPauseCode, type AgentSelfService, type AgentSelfView } from './agent-codes.ts';
import { matchFeatureCode, runFeatureCodeCall, type FeatureCode } from './index.ts';

/** The agent side in memory, with the rules of db/departments.ts reduced to what the codes rely on. */
class FakeAgents implements AgentSelfService {
  readonly agents = new Map<
    string,
    { departments: number; loggedIn: number; state: AgentState; pending: string | null }
  >();

  add(username: string, departments: number, state: AgentState = { kind: 'logged-out' }) {
    this.agents.set(username, {
      departments,
      loggedIn: state.kind === 'logged-out' ? 0 : departments,
      state,
      pending: null,
    });
  }
  agent(username: string): AgentSelfView {
    const a = this.agents.get(username) ?? {
      departments: 0,
      loggedIn: 0,
      state: { kind: 'logged-out' },
      pending: null,
    };
    return { departments: a.departments, loggedIn: a.loggedIn, state: a.state, pendingPause: a.pending };
  }
  setLoggedInEverywhere(username: string, loggedIn: boolean): AgentSelfView {
    const a = this.agents.get(username)!;
    a.loggedIn = loggedIn ? a.departments : 0;
    if (!loggedIn) a.state = { kind: 'logged-out' };
    else if (a.state.kind === 'logged-out') a.state = { kind: 'available' };
    return this.agent(username);
  }
  pause(username: string, reason: string): AgentSelfView {
    const a = this.agents.get(username)!;
    if (a.state.kind === 'on-call') a.pending = reason;
    else a.state = { kind: 'paused', reason };
    return this.agent(username);
  }
  unpause(username: string): AgentSelfView {
    const a = this.agents.get(username)!;
    a.pending = null;
    if (a.state.kind === 'paused') a.state = { kind: 'available' };
    return this.agent(username);
  }
}

const people = new MemoryPeopleDirectory([
  { username: 'alice', extension: '6001', displayName: 'Alice' },
  { username: 'bob', extension: '6002', displayName: 'Bob' },
]);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function dial(agents: FakeAgents, dialled: string, from: { sipEndpoint?: string; number?: string } = {}) {
  const codes: FeatureCode[] = [agentLoginCode(agents), agentPauseCode(agents)];
  const found = matchFeatureCode(codes, dialled);
  if (!found) throw new Error(`${dialled} is not a feature code`);
  const call = new SimulatedCall({
    dialledNumber: dialled,
    caller: { number: from.number ?? '6001', name: '' },
    ...(from.sipEndpoint !== undefined ? { sipEndpoint: from.sipEndpoint } : {}),
  });
  const recorder = new MemoryCallRecorder();
  const prompts = new MemoryPromptSource();
  const summary = await runFeatureCodeCall(
    call,
    { people, prompts, recorder, language: 'fr-FR', logger: quiet },
    found,
  );
  const spoken = call.transcript.flatMap((entry) =>
    entry.kind === 'played' && entry.media.kind === 'prompt' ? [entry.media.text] : [],
  );
  const record = recorder.calls[0]!;
  return { summary, spoken, record, notes: record.events.map((event) => event.detail), transcript: call.transcript };
}

describe('feature code matching', () => {
  const agents = new FakeAgents();
  const codes = [agentLoginCode(agents), agentPauseCode(agents)];
  it('takes *45, *46 and *46 followed by one digit, nothing else', () => {
    expect(matchFeatureCode(codes, '*45')?.code.pattern).toBe('*45');
    expect(matchFeatureCode(codes, '*46')).toMatchObject({ rest: '' });
    expect(matchFeatureCode(codes, '*462')).toMatchObject({ code: { pattern: '*46' }, rest: '2' });
    for (const other of ['*4', '*451', '*4612', '6001', '45', '*47', ''])
      expect(matchFeatureCode(codes, other)).toBeNull();
  });
});

describe('*45 toggles the log-in to all of the caller’s departments', () => {
  it('logs a logged-out agent in to every department, says how many, and records it in history', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 3);
    const { summary, spoken, record, notes, transcript } = await dial(agents, '*45', { sipEndpoint: 'alice' });
    expect(agents.agent('alice')).toMatchObject({ loggedIn: 3, state: { kind: 'available' } });
    expect(spoken).toEqual(['Vous êtes connecté à 3 services.']);
    expect(summary.outcome).toBe('completed');
    expect(record).toMatchObject({ dialledNumber: '*45', flowId: null, outcome: 'completed' });
    expect(notes).toEqual([{ featureCode: '*45', username: 'alice', result: 'logged in to 3 department(s)' }]);
    expect(transcript[0]).toEqual({ kind: 'answered' });
    expect(transcript.at(-1)).toEqual({ kind: 'hung-up', by: 'flow' });
  });

  it('logs a logged-in agent out of all of them', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 1, { kind: 'available' });
    const { spoken } = await dial(agents, '*45', { sipEndpoint: 'alice' });
    expect(agents.agent('alice')).toMatchObject({ loggedIn: 0, state: { kind: 'logged-out' } });
    expect(spoken).toEqual(['Vous êtes déconnecté de tous vos services.']);
  });

  it('says so to a person in no department, and changes nothing', async () => {
    const agents = new FakeAgents();
    const { spoken, notes } = await dial(agents, '*45', { sipEndpoint: 'bob' });
    expect(spoken[0]).toMatch(/^Vous ne faites partie d'aucun service/);
    expect(notes[0]).toMatchObject({ result: 'refused: in no department' });
  });

  it('refuses a caller who is not a person of the directory, even with a person’s number as caller id', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 2);
    for (const from of [{ number: '6001' }, { sipEndpoint: 'trunk-provider', number: '6001' }]) {
      const { spoken, notes, summary } = await dial(agents, '*45', from);
      expect(spoken).toEqual(['Ce code est réservé aux postes des agents. Au revoir.']);
      expect(notes[0]).toMatchObject({ result: 'refused: the call does not come from a person’s SIP account' });
      expect(summary.outcome).toBe('completed');
    }
    expect(agents.agent('alice').loggedIn).toBe(0);
  });
});

describe('*46 toggles the pause', () => {
  it('pauses with the default reason, then ends the pause', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 2, { kind: 'available' });
    expect((await dial(agents, '*46', { sipEndpoint: 'alice' })).spoken).toEqual(['Vous êtes en pause.']);
    expect(agents.agent('alice').state).toEqual({ kind: 'paused', reason: 'Pause' });
    expect((await dial(agents, '*46', { sipEndpoint: 'alice' })).spoken).toEqual([
      'Votre pause est terminée. Vous êtes disponible.',
    ]);
    expect(agents.agent('alice').state).toEqual({ kind: 'available' });
  });

  it('*46 then a digit pauses with that reason of the list and says it; an unknown digit changes nothing', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 1, { kind: 'available' });
    const lunch = await dial(agents, '*462', { sipEndpoint: 'alice' });
    expect(lunch.spoken).toEqual(['Vous êtes en pause : déjeuner.']);
    expect(lunch.notes[0]).toEqual({ featureCode: '*462', username: 'alice', result: 'paused: Lunch' });
    expect(agents.agent('alice').state).toEqual({ kind: 'paused', reason: 'Lunch' });
    const unknown = await dial(agents, '*469', { sipEndpoint: 'alice' });
    expect(unknown.spoken).toEqual(["Le motif de pause 9 n'existe pas."]);
    expect(agents.agent('alice').state).toEqual({ kind: 'paused', reason: 'Lunch' });
  });

  it('asks a logged-out agent to log in first', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 1);
    expect((await dial(agents, '*46', { sipEndpoint: 'alice' })).spoken).toEqual([
      "Vous n'êtes connecté à aucun service. Composez étoile 45 pour vous connecter.",
    ]);
    expect(agents.agent('alice').state).toEqual({ kind: 'logged-out' });
  });

  it('a pause asked for during a call is announced for its end', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 1, { kind: 'on-call', department: 'dep_1' });
    expect((await dial(agents, '*46', { sipEndpoint: 'alice' })).spoken).toEqual([
      "Votre pause commencera à la fin de l'appel en cours.",
    ]);
    expect(agents.agent('alice').pendingPause).toBe('Pause');
  });
});

describe('the feature code call', () => {
  it('ends as caller-hung-up when the caller leaves before the answer is spoken', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 1);
    const found = matchFeatureCode([agentLoginCode(agents)], '*45')!;
    const call = new SimulatedCall({ dialledNumber: '*45', sipEndpoint: 'alice', playbackMs: 1000 });
    const recorder = new MemoryCallRecorder();
    const running = runFeatureCodeCall(
      call,
      { people, prompts: new MemoryPromptSource(), recorder, language: 'fr-FR', logger: quiet },
      found,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    call.hangUp();
    expect((await running).outcome).toBe('caller-hung-up');
    // The log-in itself was done before speaking: hanging up during the confirmation does not undo it.
    expect(agents.agent('alice').loggedIn).toBe(1);
  });

  it('speaks English when the platform language is English', async () => {
    const agents = new FakeAgents();
    agents.add('alice', 2);
    const found = matchFeatureCode([agentLoginCode(agents)], '*45')!;
    const call = new SimulatedCall({ dialledNumber: '*45', sipEndpoint: 'alice' });
    await runFeatureCodeCall(
      call,
      {
        people,
        prompts: new MemoryPromptSource(),
        recorder: new MemoryCallRecorder(),
        language: 'en-GB',
        logger: quiet,
      },
      found,
    );
    expect(call.transcript.find((entry) => entry.kind === 'played')).toMatchObject({
      media: { text: 'You are logged in to 2 departments.' },
    });
  });
});
