import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SwitchboardDb } from '#db/client.ts';
import { createFlow, listFlows } from '#db/flows.ts';
import { describeSecrets, seedPeople, type SeededPerson, type SeedOptions } from '#db/seed.ts';
import { flowDocumentSchema } from '#flows/document.ts';
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
