// What the softphone's directory search may see of the people: a name and an extension to dial, nothing else.
import type { SwitchboardDb } from '#db/client.ts';
import { listUsers } from '#db/users.ts';
import type { DirectoryEntry } from '../softphone/directory.ts';

export function loadSoftphoneDirectory(db: SwitchboardDb): DirectoryEntry[] {
  return listUsers(db)
    .filter((person) => person.extension !== '')
    .map((person) => ({ displayName: person.displayName, extension: person.extension }));
}
