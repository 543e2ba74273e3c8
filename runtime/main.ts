// `npm run runtime`: the call runtime alone (no web app), e.g. one per Asterisk server. It still serves the prompt
// files Asterisk fetches, on PORT (default 3001), and shares the database with the web app (SQLite in WAL mode).
import express from 'express';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { servePrompts } from '#server/serve-prompts.ts';
import { ariSettingsFromEnv } from './ari/connection.ts';
import { log } from './log.ts';
import { startRuntime } from './service.ts';
import { createPromptStore } from './tts/index.ts';

const ari = ariSettingsFromEnv(process.env);
if (!ari) {
  log.error('The runtime needs an Asterisk: set ARI_URL (e.g. http://127.0.0.1:8088), ARI_USER and ARI_PASS.');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
const db = openDatabase();
const prompts = createPromptStore(process.env);
const app = express();
app.use('/prompts', servePrompts(prompts));
const server = app.listen(port, host);
const runtime = startRuntime({ db, prompts, ari, promptBaseUrl: process.env.PROMPT_BASE_URL ?? `http://${host}:${port}/prompts` });
log.info(`Switchboard runtime attached to ${ari.url}; prompts served on http://${host}:${port}/prompts`);

async function shutdown(signal: string) {
  log.info(`${signal}: stopping the runtime`);
  server.close();
  await runtime.stop();
  closeDatabase(db);
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
