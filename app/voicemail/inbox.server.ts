// What the voicemail pages share on the server: who the signed-in account may hear, and where a message's audio is.
import path from 'node:path';
import { inboxViewerFor, type InboxViewer } from '#db/voicemail-inbox.ts';
import type { StaffAuth } from '../auth.server.ts';
import type { SwitchboardServices } from '#server/services.ts';

export function inboxViewerOf(services: Pick<SwitchboardServices, 'db'>, auth: StaffAuth): InboxViewer {
  return inboxViewerFor(services.db, auth.account);
}

/**
 * The runtime stores each message's file path in voicemail_messages.audio_path: normally absolute; a relative one
 * is taken from the server's working directory, like the default database file data/switchboard.db.
 */
export function audioFileOf(audioPath: string): string {
  return path.resolve(audioPath);
}
