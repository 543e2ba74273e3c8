import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createUser } from '#db/users.ts';
import { directorySchema } from '../softphone/directory.ts';
import { loadSoftphoneDirectory } from './softphone.directory.server.ts';

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

describe('the softphone directory', () => {
  it('lists names and extensions only, never a secret', async () => {
    await createUser(temp.db, {
      username: 'carol',
      extension: '6010',
      displayName: 'Carol',
      language: 'fr-FR',
      sipPassword: 'Vert-Pomme-42',
      voicemailPin: '4821',
    });
    const directory = loadSoftphoneDirectory(temp.db);
    expect(directory).toContainEqual({ displayName: 'Carol', extension: '6010' });
    expect(directorySchema.parse(directory)).toEqual(directory);
    expect(JSON.stringify(directory)).not.toContain('Vert-Pomme');
    expect(Object.keys(directory[0] ?? {}).sort()).toEqual(['displayName', 'extension']);
  });
});
