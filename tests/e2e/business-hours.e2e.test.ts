// Issue 12 on the real Asterisk: a published flow with a business-hours node whose three branches say different
// things. The runtime process runs with its business clock pinned (SWITCHBOARD_TEST_CLOCK, allowed because the
// suite runs with NODE_ENV=test) at three instants: outside hours, on a French public holiday (14 July), inside
// hours; a real call each time takes the branch the calendar gives, as call history shows (the node left by that
// branch, the sentence of that branch heard, the calendar's reason in a note).
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/business-hours.e2e.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#db/calendars.ts';
import { createFlow } from '#db/flows.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { requireAriSettings } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { Callers, nodesEntered, promptsPlayed } from './testing/callers.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';

const ari = requireAriSettings();
const NUMBER = '6270';

let workspace: RuntimeWorkspace;
let callers: Callers;

function hoursFlow(calendarId: string): FlowDocument {
  const say = (id: string, text: string, x: number, y: number) => ({
    id,
    type: 'say',
    position: { x, y },
    data: { text, language: 'fr-FR' },
  });
  return {
    format: FLOW_FORMAT_VERSION,
    name: 'Standard (heures d’ouverture)',
    description: '',
    language: 'fr-FR',
    numbers: [NUMBER],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'hours', type: 'business-hours', position: { x: 200, y: 0 }, data: { calendarId } },
      say('say-open', 'Bonjour, nous sommes ouverts.', 400, -150),
      say('say-closed', 'Nous sommes fermés.', 400, 0),
      say('say-holiday', 'Nous sommes fermés, jour férié.', 400, 150),
      { id: 'bye', type: 'hangup', position: { x: 650, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', sourceBranch: 'next', target: 'hours' },
      { id: 'e1', source: 'hours', sourceBranch: 'open', target: 'say-open' },
      { id: 'e2', source: 'hours', sourceBranch: 'closed', target: 'say-closed' },
      { id: 'e3', source: 'hours', sourceBranch: 'holiday', target: 'say-holiday' },
      { id: 'e4', source: 'say-open', sourceBranch: 'next', target: 'bye' },
      { id: 'e5', source: 'say-closed', sourceBranch: 'next', target: 'bye' },
      { id: 'e6', source: 'say-holiday', sourceBranch: 'next', target: 'bye' },
    ],
  };
}

beforeAll(async () => {
  workspace = await seededWorkspace();
  const calendar = createCalendar(workspace.db, { name: 'Accueil Paris' });
  const { flowId } = createFlow(workspace.db, { document: hoursFlow(calendar.id), author: 'e2e' });
  await publishFlow(
    workspace.db,
    { flowId, author: 'e2e', comment: 'business hours' },
    createPromptStore({ PROMPTS_DIR: workspace.promptsDir }),
  );
  callers = new Callers(ari, workspace.db);
  await callers.start();
}, 180_000);

afterAll(async () => {
  await callers?.stop();
  workspace?.remove();
});

/** Starts the runtime with its clock at `at`, places one call to the flow and returns its finished record. */
async function callAt(at: string) {
  let runtime: RuntimeProcess | null = null;
  try {
    runtime = await startRuntimeProcess(workspace, ari, {
      env: { SWITCHBOARD_TEST_CLOCK: at, NODE_ENV: 'test' },
    });
    expect(runtime.output()).toContain('SWITCHBOARD_TEST_CLOCK');
    const call = await callers.dial(NUMBER);
    const record = await callers.recordWhen(call, (r) => r.endedAt !== null, 60_000, `the call at ${at} ended`);
    await callers.hangUp(call);
    return record;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- runtime output ---\n${runtime?.output().slice(-6_000) ?? ''}`);
  } finally {
    await runtime?.stop();
  }
}

function branchLeft(record: Awaited<ReturnType<typeof callAt>>, nodeId: string) {
  return record.events.find((event) => event.kind === 'node-left' && event.nodeId === nodeId)?.branch;
}

function hoursNote(record: Awaited<ReturnType<typeof callAt>>) {
  return record.events.find((event) => event.kind === 'note' && event.nodeId === 'hours')?.detail;
}

describe('business hours on the real Asterisk, with the runtime clock pinned', () => {
  it('Saturday 10:00 in Paris: outside hours, the closed branch', async () => {
    const record = await callAt('2026-12-12T10:00:00+01:00');
    expect(record.outcome).toBe('completed');
    expect(branchLeft(record, 'hours')).toBe('closed');
    expect(nodesEntered(record)).toEqual(['start', 'hours', 'say-closed', 'bye']);
    expect(promptsPlayed(record).map((prompt) => prompt.text)).toEqual(['Nous sommes fermés.']);
    expect(hoursNote(record)?.reason).toBe('outside opening hours: Saturday');
    // The pinned clock starts at 10:00 Paris when the runtime starts, and runs on from there.
    expect(String(hoursNote(record)?.at)).toMatch(/^2026-12-12T09:0\d:/);
  });

  it('14 July 2026 (a Tuesday) 10:00: a French public holiday, the holiday branch', async () => {
    const record = await callAt('2026-07-14T10:00:00+02:00');
    expect(branchLeft(record, 'hours')).toBe('holiday');
    expect(nodesEntered(record)).toEqual(['start', 'hours', 'say-holiday', 'bye']);
    expect(promptsPlayed(record).map((prompt) => prompt.text)).toEqual(['Nous sommes fermés, jour férié.']);
    expect(hoursNote(record)?.reason).toBe('Bastille Day (public holiday in France)');
  });

  it('Monday 10:00: inside hours, the open branch', async () => {
    const record = await callAt('2026-12-07T10:00:00+01:00');
    expect(branchLeft(record, 'hours')).toBe('open');
    expect(nodesEntered(record)).toEqual(['start', 'hours', 'say-open', 'bye']);
    expect(promptsPlayed(record).map((prompt) => prompt.text)).toEqual(['Bonjour, nous sommes ouverts.']);
    expect(hoursNote(record)?.reason).toBe('open: Monday 09:00–12:30');
  });
});
