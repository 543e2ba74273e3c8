// Which file answers a media URL Asterisk fetches (prompts, voicemail audio). Shared by the web app's Express routes
// and the call runtime's own small HTTP server (server/runtime-http.ts), which does not load Express.
import type { SwitchboardDb } from '#db/client.ts';
import { voicemailAudioFile, voicemailDirFor } from '#db/voicemail.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

// A prompt's name is the hash of its content, so it never changes: a year-long Cache-Control lets Asterisk fetch each
// prompt once.
export const PROMPT_CACHE_CONTROL = 'public, max-age=31536000, immutable';
// Private recordings: Asterisk's media cache and any proxy must not keep a copy.
export const VOICEMAIL_CACHE_CONTROL = 'no-store';

const PROMPT_FILE = /^([a-f0-9]{16,64})\.wav$/;

/** The path of `<hash>.wav` in the prompt store, or null when the name is not a prompt's or it does not exist. */
export function promptFilePath(prompts: PromptStore, fileName: string): string | null {
  const match = PROMPT_FILE.exec(fileName);
  if (!match || !prompts.has(match[1]!)) return null;
  return prompts.path(match[1]!);
}

// The file id carries a 192-bit random token, not the message id, so nobody reaches a message by counting; deleted
// messages are no longer served. People browse their messages in the web inbox instead, which checks who is signed
// in (app/routes/voicemail.audio.ts).
const VOICEMAIL_FILE = /^((?:vm|greeting)-[a-f0-9]{48})\.wav$/;

/**
 * A voicemail message or greeting: its path, null when the name is one but no such file is served, or 'not-ours'
 * when the name is not a voicemail file's (other audio may be served on the same path). `dir` defaults to
 * voicemailDirFor(db), looked up per request (an in-memory test database has none: 'not-ours').
 */
export function voicemailFilePath(db: SwitchboardDb, fileName: string, dir?: string): string | null | 'not-ours' {
  const match = VOICEMAIL_FILE.exec(fileName);
  if (!match) return 'not-ours';
  let folder: string;
  try {
    folder = dir ?? voicemailDirFor(db);
  } catch {
    return 'not-ours';
  }
  return voicemailAudioFile(db, folder, match[1]!) ?? null;
}
