import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlow } from '#db/flows.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { sipMd5Cred } from '#db/users.ts';
import { loadSipAccounts } from '#db/sip-accounts.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { seedEmptyDatabase } from './seed.ts';

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  // A flow already there: only the people are seeded (publishing the examples is not what this is about).
  const document = flowDocumentSchema.parse(
    JSON.parse(readFileSync(new URL('../flows/examples/ivr-6003.json', import.meta.url), 'utf8')),
  );
  createFlow(temp.db, { document, author: 'test' });
});
afterEach(() => temp.dispose());

const prompts = () => createPromptStore({ PROMPTS_DIR: join(temp.folder, 'prompts') });

describe('seedEmptyDatabase (first start)', () => {
  it('prints each seed person with their random SIP password and PIN, once', async () => {
    // WHEN the server starts on an empty directory, then starts again
    const printed: string[] = [];
    const seeded = await seedEmptyDatabase(temp.db, prompts(), { print: (line) => printed.push(line) });
    const again: string[] = [];
    await seedEmptyDatabase(temp.db, prompts(), { print: (line) => again.push(line) });
    // THEN the first start printed every secret, with how to get new ones; the second printed nothing
    expect(seeded.map((person) => person.username)).toEqual(['alice', 'bob', 'julien']);
    const text = printed.join('\n');
    for (const person of seeded) {
      expect(text).toMatch(
        new RegExp(`${person.username}\\s+${person.extension}\\s+${person.sipPassword}\\s+${person.voicemailPin}`),
      );
      expect(person.sipPassword).not.toBe('bonjour');
    }
    expect(text).toContain('npx switchboard users reset-secrets');
    expect(again).toEqual([]);
    // AND the printed passwords are the ones Asterisk will be given
    const phones = loadSipAccounts(temp.db).filter((account) => account.device !== 'browser');
    expect(phones.map((account) => account.md5Cred)).toEqual(
      seeded.map((person) => sipMd5Cred(person.username, person.sipPassword)),
    );
  });

  it('uses bonjour / 1234 only with the demo option, and says so', async () => {
    const printed: string[] = [];
    const seeded = await seedEmptyDatabase(temp.db, prompts(), {
      demoSecrets: true,
      print: (line) => printed.push(line),
    });
    expect(seeded.every((person) => person.sipPassword === 'bonjour' && person.voicemailPin === '1234')).toBe(true);
    expect(printed[0]).toContain('DEMO secrets');
  });
});
