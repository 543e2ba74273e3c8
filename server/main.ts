// `npm start`: the web app, the prompt files Asterisk fetches over HTTP, and — when ARI settings are present — the
// call runtime, all in one process sharing one SQLite database.
import { parseArgs } from 'node:util';
import { closeAbandonedSimulations } from '#db/calls.ts';
import { closeDatabase } from '#db/client.ts';
import { demoSecretsFromEnv } from '#db/seed.ts';
import { ariSettingsFromEnv } from '#runtime/ari/connection.ts';
import { createAriSipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { startRuntime } from '#runtime/service.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { log, stopAtStart } from '#runtime/log.ts';
import { seedEmptyDatabase } from './seed.ts';
import type { AsteriskLinkStatus, SwitchboardServices } from './services.ts';
import { SettingError } from './allowed-hosts.ts';
import { sipWebSocketUpstreamFromEnv, softphoneIceServersFromEnv } from './softphone-settings.ts';
import { openDatabaseAndHostRules } from './start-up.ts';
import { httpsFromEnv } from './https-settings.ts';
import { createApp } from './app.ts';

const { values: options } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const { db, allowedHosts } = openDatabaseAndHostRules(process.env);
const https = (() => {
  try {
    return httpsFromEnv(process.env);
  } catch (error) {
    return stopAtStart((error as Error).message);
  }
})();
const prompts = createPromptStore(process.env);
await seedEmptyDatabase(db, prompts, { demoSecrets: demoSecretsFromEnv(process.env) });
// Simulated calls live in this process's memory: any left open belong to a previous run and can never finish.
closeAbandonedSimulations(db, Date.now());

let asteriskStatus: AsteriskLinkStatus = {
  state: 'not-configured',
  message: 'No Asterisk is connected: set ARI_URL, ARI_USER and ARI_PASS to run calls (see README).',
  since: Date.now(),
};
// Every problem ariSettingsFromEnv finds is a setting to fix, and its message names it.
const ari = (() => {
  try {
    return ariSettingsFromEnv(process.env);
  } catch (error) {
    return stopAtStart((error as Error).message);
  }
})();
// People added, changed or removed reach Asterisk live over ARI; whenever the link comes up, the runtime pushes the
// whole directory again (people are not in pjsip.conf; changes made with the CLI while the server was down).
const sipProvisioner = ari ? createAriSipAccountProvisioner(ari) : null;
const runtime = ari
  ? startRuntime({
      db,
      prompts,
      ari,
      promptBaseUrl: process.env.PROMPT_BASE_URL ?? `http://${host}:${port}/prompts`,
      ...(sipProvisioner ? { sipProvisioner } : {}),
      onStatus: (status) => {
        asteriskStatus = status;
      },
    })
  : null;

// The web softphone: its STUN/TURN servers and the Asterisk SIP WebSocket that /sip relays to.
const softphone = (() => {
  try {
    return {
      iceServers: softphoneIceServersFromEnv(process.env),
      sipWebSocketUpstream: sipWebSocketUpstreamFromEnv(process.env, ari),
    };
  } catch (error) {
    if (error instanceof SettingError) return stopAtStart(error.message);
    throw error;
  }
})();

const services: SwitchboardServices = {
  db,
  prompts,
  asterisk: () => asteriskStatus,
  ...(runtime ? { conferences: runtime.conferences } : {}),
  ...(sipProvisioner ? { sipProvisioner } : {}),
  ...(runtime ? { liveCalls: () => runtime.liveCalls() } : {}),
  ...(runtime ? { queues: () => runtime.queues.snapshot() } : {}),
  softphoneIceServers: softphone.iceServers,
};

const switchboard = await createApp(services, {
  dev: options.dev,
  allowedHosts,
  sipWebSocketUpstream: softphone.sipWebSocketUpstream,
});

const server = switchboard.listen(port, host, () => {
  log.info(
    `Switchboard listening on http://${host}:${port} (${ari ? 'runtime attached to ' + ari.url : 'no Asterisk configured'})`,
  );
});
// The same app over HTTPS on its own port, when a certificate is given (server/https-settings.ts).
const secureServer = https
  ? switchboard.listen(
      https.port,
      host,
      () => log.info(`Switchboard also listening on https://${host}:${https.port} (the softphone needs https)`),
      https,
    )
  : null;

async function shutdown(signal: string) {
  log.info(`${signal}: shutting down`);
  server.close();
  secureServer?.close();
  await switchboard.close();
  await runtime?.stop();
  closeDatabase(db);
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
