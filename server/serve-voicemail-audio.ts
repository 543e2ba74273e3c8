import express from 'express';
import type { SwitchboardDb } from '#db/client.ts';
import { voicemailAudioFile, voicemailDirFor } from '#db/voicemail.ts';

// Asterisk plays voicemail messages and greetings as `sound:http://.../audio/<fileId>.wav` (PromptMedia
// "audio-file"). The file id carries a 192-bit random token, not the message id, so nobody reaches a message by
// counting; deleted messages are no longer served. People browse their messages in the web inbox instead, which
// checks who is signed in (app/routes/voicemail.audio.ts).
const VOICEMAIL_FILE = /^((?:vm|greeting)-[a-f0-9]{48})\.wav$/;

/** `dir` defaults to voicemailDirFor(db), looked up per request (an in-memory test database has none: 404). */
export function serveVoicemailAudio(db: SwitchboardDb, dir?: string): express.Router {
  const router = express.Router();
  router.get('/:file', (req, res, next) => {
    const match = VOICEMAIL_FILE.exec(req.params.file);
    // Other audio files (uploads) may be served by another router on the same path.
    if (!match) return next();
    let folder: string;
    try {
      folder = dir ?? voicemailDirFor(db);
    } catch {
      return next();
    }
    const file = voicemailAudioFile(db, folder, match[1]!);
    if (!file) {
      res.status(404).type('text/plain').send('No such audio file');
      return;
    }
    // Private recordings: Asterisk's media cache and any proxy must not keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    res.type('audio/wav');
    res.sendFile(file);
  });
  return router;
}
