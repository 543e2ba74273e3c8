import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SwitchboardDb } from '#db/client.ts';
import { createFlow, listFlows } from '#db/flows.ts';
import { describeSecrets, seedPeople, type SeededPerson, type SeedOptions } from '#db/seed.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { createCalendar } from '#db/calendars.ts';
import { addMember, createDepartment } from '#db/departments.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { log } from '#runtime/log.ts';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../flows/examples');

/**
 * A fresh install starts with the seed brief reproduced: its people, and its flows (6003 IVR, 6099 voicemail, the
 * personal lines, a conference room) published, so `npm start` shows something real at once. The people get random
 * SIP passwords and PINs (demo ones only when asked), written once to `print` (the console) and never again.
 */
export async function seedEmptyDatabase(
  db: SwitchboardDb,
  prompts: PromptStore,
  options: SeedOptions & { print?: (line: string) => void } = {},
): Promise<SeededPerson[]> {
  const seeded = await seedPeople(db, options);
  const print = options.print ?? ((line: string) => console.log(line));
  for (const line of describeSecrets(
    seeded,
    options.demoSecrets
      ? 'Seed people created with the DEMO secrets (SWITCHBOARD_DEMO_SECRETS): anyone who knows them can use these lines.'
      : 'Seed people created. Give each their SIP password (phone settings) and voicemail PIN:',
  ))
    print(line);
  if (listFlows(db).length > 0) return seeded;
  seedCallCentre(db);
  const files = readdirSync(examplesDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  for (const file of files) {
    const document = flowDocumentSchema.parse(JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')));
    const { flowId } = createFlow(db, { document, author: 'seed' });
    await publishFlow(db, { flowId, author: 'seed', comment: `Example ${file}` }, prompts);
  }
  log.info(`Seeded an empty database with ${files.length} example flows`);
  return seeded;
}

/** The calendar the call-centre example (6300) checks; its id is the one the example file names. */
export const SEED_CALENDAR_ID = 'cal_bureaux';

/**
 * What the call-centre example needs: the "Bureaux" calendar (Monday to Friday, 09:00–12:30 and 13:30–18:00, Paris
 * time, French public holidays) and the brief's three services as departments, each with the person the seed menu
 * rang. Agents start logged out, as every agent does at the start of a day: they log in with *45 or on /departments.
 */
function seedCallCentre(db: SwitchboardDb): void {
  // Each step on its own: a database that already has some of these (or lacks a seed person) still gets the rest.
  const attempt = (what: string, step: () => void) => {
    try {
      step();
    } catch (error) {
      log.warn(`Seed: could not add ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  attempt('the "Bureaux" calendar', () => createCalendar(db, { name: 'Bureaux' }, Date.now(), SEED_CALENDAR_ID));
  const teams = [
    ['Service compte', 'alice'],
    ['RH', 'bob'],
    ['Informatique', 'julien'],
  ] as const;
  for (const [name, person] of teams) {
    attempt(`the department "${name}"`, () => {
      createDepartment(db, { name, strategy: 'ring-all' });
      addMember(db, { department: name, person });
    });
  }
}
