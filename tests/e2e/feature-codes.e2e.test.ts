// The agent feature codes on the real Asterisk, through the runtime process (`npm run runtime`): alice's phone
// (sipp with her SIP account, digest auth, so the channel is PJSIP/alice-...) dials *45 and the database shows her
// logged in to her departments; *462 pauses her for lunch; *46 ends the pause. Each call is in history with a note
// saying what the code did. A trunk caller (the sandbox's unauthenticated endpoint) presenting alice's number as
// caller id is refused and changes nothing.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npm run test:e2e -- tests/e2e/feature-codes.e2e.test.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { getCall, type CallRecord } from '#db/calls.ts';
import { addMember, createDepartment, getAgent, removeMember } from '#db/departments.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { freeUdpPort, runSipp } from '#tests/sipp/sipp.ts';
import { describeEvents } from './testing/callers.ts';
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

beforeAll(async () => {
  workspace = await seededWorkspace();
  createDepartment(workspace.db, { name: 'Ventes' });
  createDepartment(workspace.db, { name: 'Support', dialCode: 2 });
  // The seed made alice a member of its "Service compte" (the call-centre example): this suite's two departments only.
  removeMember(workspace.db, { department: 'Service compte', person: 'alice' });
  addMember(workspace.db, { department: 'Ventes', person: 'alice' });
  addMember(workspace.db, { department: 'Support', person: 'alice', penalty: 3 });
  runtime = await startRuntimeProcess(workspace, ari);
}, 180_000);

beforeEach(() => {
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterAll(async () => {
  await runtime?.stop();
  workspace?.remove();
});

/** Dials `code` from a phone: alice's own SIP account, or the sandbox trunk endpoint "sipp" showing `callerId`. */
async function dialCode(code: string, from: { account: string } | { trunkCallerId: string }) {
  const startedAt = Date.now();
  const args =
    'account' in from
      ? ['-s', code, '-key', 'caller', from.account, '-au', from.account, '-ap', 'bonjour']
      : ['-s', code, '-key', 'caller', from.trunkCallerId];
  const result = await runSipp({
    scenario: 'account' in from ? 'uac-feature-code' : 'uac-dtmf',
    target: sipTarget,
    port: await freeUdpPort(),
    mediaPort: await freeUdpPort(),
    args,
    timeoutSeconds: 40,
  });
  let record: CallRecord | null = null;
  await waitUntil(
    () => {
      const row = workspace.db.sqlite
        .prepare('SELECT id FROM calls WHERE dialled_number = ? AND started_at >= ? ORDER BY started_at DESC LIMIT 1')
        .get(code, startedAt) as { id: string } | undefined;
      record = row ? getCall(workspace.db, row.id) : null;
      return record?.endedAt != null;
    },
    20_000,
    `the call to ${code} recorded and ended (${describeEvents(record)})`,
  );
  return { sipp: result, record: record! };
}

const notes = (record: CallRecord) => record.events.filter((e) => e.kind === 'note').map((e) => e.detail);
const spoken = (record: CallRecord) =>
  record.events.filter((e) => e.kind === 'prompt-played').map((e) => (e.detail as { text?: string }).text);

describe('agent feature codes from a person’s phone', () => {
  it('*45 logs alice in to her departments, *462 pauses her for lunch, *46 ends the pause', async () => {
    // GIVEN alice, a member of two departments, logged out
    expect(getAgent(workspace.db, 'alice').state).toEqual({ kind: 'logged-out' });

    // WHEN her phone dials *45
    const login = await dialCode('*45', { account: 'alice' });
    // THEN Switchboard answered, spoke and hung up; the database shows her logged in to both departments
    expect(login.sipp.exitCode, login.sipp.output).toBe(0);
    const agent = getAgent(workspace.db, 'alice');
    expect(agent.state).toEqual({ kind: 'available' });
    expect(agent.departments.map((d) => [d.name, d.loggedIn])).toEqual([
      ['Support', true],
      ['Ventes', true],
    ]);
    // AND the call is in history, without a flow, with what the code did
    expect(login.record).toMatchObject({ dialledNumber: '*45', flowId: null, outcome: 'completed' });
    expect(notes(login.record)).toEqual([
      { featureCode: '*45', username: 'alice', result: 'logged in to 2 department(s)' },
    ]);
    expect(spoken(login.record)).toEqual(['Vous êtes connecté à 2 services.']);

    // WHEN she dials *462 (pause, reason 2: lunch)
    const pause = await dialCode('*462', { account: 'alice' });
    expect(pause.sipp.exitCode, pause.sipp.output).toBe(0);
    expect(getAgent(workspace.db, 'alice').state).toEqual({ kind: 'paused', reason: 'Lunch' });
    expect(notes(pause.record)).toEqual([{ featureCode: '*462', username: 'alice', result: 'paused: Lunch' }]);

    // WHEN she dials *46: the pause ends
    const unpause = await dialCode('*46', { account: 'alice' });
    expect(unpause.sipp.exitCode, unpause.sipp.output).toBe(0);
    expect(getAgent(workspace.db, 'alice').state).toEqual({ kind: 'available' });
    expect(notes(unpause.record)).toEqual([{ featureCode: '*46', username: 'alice', result: 'pause ended' }]);
  });

  it('*46 on its own pauses with the default reason, and *45 then logs her out of everything', async () => {
    const pause = await dialCode('*46', { account: 'alice' });
    expect(pause.sipp.exitCode, pause.sipp.output).toBe(0);
    expect(getAgent(workspace.db, 'alice').state).toEqual({ kind: 'paused', reason: 'Pause' });
    const logout = await dialCode('*45', { account: 'alice' });
    expect(logout.sipp.exitCode, logout.sipp.output).toBe(0);
    const agent = getAgent(workspace.db, 'alice');
    expect(agent.state).toEqual({ kind: 'logged-out' });
    expect(agent.departments.every((d) => !d.loggedIn)).toBe(true);
  });

  it('*452 logs her in to Support alone (its dial code), and out of it again', async () => {
    const login = await dialCode('*452', { account: 'alice' });
    expect(login.sipp.exitCode, login.sipp.output).toBe(0);
    expect(getAgent(workspace.db, 'alice').departments.map((d) => [d.name, d.loggedIn])).toEqual([
      ['Support', true],
      ['Ventes', false],
    ]);
    expect(spoken(login.record)).toEqual(['Vous êtes connecté au service Support.']);
    const logout = await dialCode('*452', { account: 'alice' });
    expect(logout.sipp.exitCode, logout.sipp.output).toBe(0);
    expect(getAgent(workspace.db, 'alice').state).toEqual({ kind: 'logged-out' });
  });

  it('a trunk caller showing alice’s number is refused and changes nothing', async () => {
    const before = getAgent(workspace.db, 'alice');
    const { record } = await dialCode('*45', { trunkCallerId: '6001' });
    expect(record.callerNumber).toBe('6001');
    expect(notes(record)).toEqual([
      { featureCode: '*45', result: 'refused: the call does not come from a person’s SIP account' },
    ]);
    expect(spoken(record)).toEqual(['Ce code est réservé aux postes des agents. Au revoir.']);
    expect(getAgent(workspace.db, 'alice')).toEqual(before);
  });
});
