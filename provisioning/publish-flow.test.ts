import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendar, deleteCalendar } from '#db/calendars.ts';
import { createFlow } from '#db/flows.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { PublishRefusedError, publishFlow } from './publish-flow.ts';

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

// The flow speaks nothing: publishing renders no prompt.
const prompts = { renderAll: async () => {} } as unknown as PromptStore;

function hoursFlow(calendarId: string): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name: 'Standard',
    description: '',
    language: 'fr-FR',
    numbers: ['7700'],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'hours', type: 'business-hours', position: { x: 1, y: 0 }, data: { calendarId } },
      { id: 'bye', type: 'hangup', position: { x: 2, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', sourceBranch: 'next', target: 'hours' },
      { id: 'e1', source: 'hours', sourceBranch: 'open', target: 'bye' },
      { id: 'e2', source: 'hours', sourceBranch: 'closed', target: 'bye' },
    ],
  };
}

describe('publishing a flow with a business-hours node', () => {
  it('publishes when its calendar exists, and refuses one pointing at a deleted calendar, saying so', async () => {
    const kept = createCalendar(temp.db, { name: 'Accueil' });
    const { flowId } = createFlow(temp.db, { document: hoursFlow(kept.id), author: 'alice' });
    await expect(publishFlow(temp.db, { flowId, author: 'alice' }, prompts)).resolves.toMatchObject({
      versionNumber: 1,
    });

    const gone = createCalendar(temp.db, { name: 'Old' });
    deleteCalendar(temp.db, gone.id);
    const other = createFlow(temp.db, {
      document: { ...hoursFlow(gone.id), name: 'Other', numbers: ['7701'] },
      author: 'alice',
    });
    const refused = await publishFlow(temp.db, { flowId: other.flowId, author: 'alice' }, prompts).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PublishRefusedError);
    expect((refused as PublishRefusedError).diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'calendar-missing',
    ]);
  });
});
