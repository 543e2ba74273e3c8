import express from 'express';
import type { SwitchboardDb } from '#db/client.ts';
import { VOICEMAIL_CACHE_CONTROL, voicemailFilePath } from './media-files.ts';

// Asterisk plays voicemail messages and greetings as `sound:http://.../audio/<fileId>.wav` (PromptMedia
// "audio-file"); see media-files.ts for who may reach which file.
/** `dir` defaults to voicemailDirFor(db), looked up per request (an in-memory test database has none: 404). */
export function serveVoicemailAudio(db: SwitchboardDb, dir?: string): express.Router {
  const router = express.Router();
  router.get('/:file', (req, res, next) => {
    const file = voicemailFilePath(db, req.params.file, dir);
    // Other audio files (uploads) may be served by another router on the same path.
    if (file === 'not-ours') return next();
    if (!file) {
      res.status(404).type('text/plain').send('No such audio file');
      return;
    }
    res.setHeader('Cache-Control', VOICEMAIL_CACHE_CONTROL);
    res.type('audio/wav');
    res.sendFile(file);
  });
  return router;
}
