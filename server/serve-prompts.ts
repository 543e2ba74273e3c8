import express from 'express';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { PROMPT_CACHE_CONTROL, promptFilePath } from './media-files.ts';

// Asterisk fetches prompts as `sound:http://.../<hash>.wav` (res_http_media_cache).
export function servePrompts(prompts: PromptStore): express.Router {
  const router = express.Router();
  router.get('/:file', (req, res) => {
    const file = promptFilePath(prompts, req.params.file);
    if (!file) {
      res.status(404).type('text/plain').send('No such prompt');
      return;
    }
    res.setHeader('Cache-Control', PROMPT_CACHE_CONTROL);
    res.type('audio/wav');
    res.sendFile(file);
  });
  return router;
}
