import express from 'express';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

// Asterisk fetches prompts as `sound:http://.../<hash>.wav` (res_http_media_cache). A prompt's name is the hash of
// its content, so it never changes: a year-long Cache-Control lets Asterisk fetch each prompt once.
const PROMPT_FILE = /^([a-f0-9]{16,64})\.wav$/;

export function servePrompts(prompts: PromptStore): express.Router {
  const router = express.Router();
  router.get('/:file', (req, res) => {
    const match = PROMPT_FILE.exec(req.params.file);
    if (!match || !prompts.has(match[1]!)) {
      res.status(404).type('text/plain').send('No such prompt');
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('audio/wav');
    res.sendFile(prompts.path(match[1]!));
  });
  return router;
}
