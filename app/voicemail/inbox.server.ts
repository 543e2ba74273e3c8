// What the voicemail pages share on the server: who the signed-in account may hear, and where a message's audio is.
import path from 'node:path';
import type { SwitchboardDb } from '#db/client.ts';
import {
  deleteInboxMessage,
  findInboxMessage,
  inboxViewerFor,
  listBoxSummaries,
  listInboxMessages,
  setMessageHeard,
  type InboxChange,
  type InboxViewer,
} from '#db/voicemail-inbox.ts';
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

/** The viewer's messages, newest first, only box `box` when one is given (administrators' filter). */
export function listVoicemailMessages(db: SwitchboardDb, viewer: InboxViewer, box: string) {
  return listInboxMessages(db, viewer, box ? { box } : {});
}

/** What the inbox page shows: the messages, and for administrators every box to filter by. */
export function loadInbox(db: SwitchboardDb, viewer: InboxViewer, box: string) {
  return {
    messages: listVoicemailMessages(db, viewer, box),
    boxes: viewer.kind === 'all-boxes' ? listBoxSummaries(db) : [],
  };
}

/** Marks a message heard (or new again); 'not-found' when the viewer may not see it. */
export function markVoicemailMessageHeard(
  db: SwitchboardDb,
  viewer: InboxViewer,
  messageId: string,
  heard: boolean,
): InboxChange {
  return setMessageHeard(db, viewer, messageId, heard);
}

/** Soft delete (web and phone inboxes no longer show it); 'not-found' when the viewer may not see it. */
export function deleteVoicemailMessage(db: SwitchboardDb, viewer: InboxViewer, messageId: string): InboxChange {
  return deleteInboxMessage(db, viewer, messageId);
}

/** Where the audio of a message the viewer may hear lies, or null (no such message, deleted, or not theirs). */
export function voicemailAudioFile(db: SwitchboardDb, viewer: InboxViewer, messageId: string): string | null {
  const message = findInboxMessage(db, viewer, messageId);
  return message ? audioFileOf(message.audioPath) : null;
}
