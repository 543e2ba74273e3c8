// `npm run runtime`: the call runtime alone (no web app), e.g. one per Asterisk server. It still serves the prompt
// files Asterisk fetches, on PORT (default 3001), and shares the database with the web app (SQLite in WAL mode).
import { createServer } from 'node:http';
import { closeDatabase } from '#db/client.ts';
import { ariSettingsFromEnv } from '#runtime/ari/connection.ts';
import { createAriSipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { log, stopAtStart } from '#runtime/log.ts';
import { startRuntime } from '#runtime/service.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { openDatabaseAndHostRules } from './start-up.ts';
import { runtimeHttpHandler } from './runtime-http.ts';

// Every problem ariSettingsFromEnv finds is a setting to fix, and its message names it.
const ari = (() => {
  try {
    return ariSettingsFromEnv(process.env);
  } catch (error) {
    return stopAtStart((error as Error).message);
  }
})();
if (!ari) {
  log.error('The runtime needs an Asterisk: set ARI_URL (e.g. http://127.0.0.1:8088), ARI_USER and ARI_PASS.');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
const { db, allowedHosts } = openDatabaseAndHostRules(process.env);
const prompts = createPromptStore(process.env);
// People's SIP accounts are not in pjsip.conf: whoever holds the ARI link pushes the directory on every connect.
const runtime = startRuntime({
  db,
  prompts,
  ari,
  promptBaseUrl: process.env.PROMPT_BASE_URL ?? `http://${host}:${port}/prompts`,
  sipProvisioner: createAriSipAccountProvisioner(ari),
});
// GET /health, for monitoring and for tests: the runtime takes calls once ari.state is "connected" (builtInPrompts:
// "ready") and people's phones can register once people.state is "synced" after that connection.
const server = createServer(runtimeHttpHandler({ prompts, db, allowedHosts, health: () => runtime.health() }));
server.on('error', (error) =>
  stopAtStart(`The runtime cannot listen on ${host}:${port} (PORT, HOST): ${error.message}`),
);
server.listen(port, host);
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
