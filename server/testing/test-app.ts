// The real web app on a real SQLite file and prompt store, listening on a free loopback port, for tests that speak
// HTTP to it (server/*.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { createApp, type CreateAppOptions } from '../app.ts';
import type { HttpsFiles } from '../https-settings.ts';
import type { SwitchboardServices } from '../services.ts';

export interface TestApp {
  base: string;
  temp: TempDatabase;
  prompts: PromptStore;
  close(): Promise<void>;
}

/** Services a test may hand the app besides the database and prompts (e.g. a fake conference runtime). */
export type TestAppServices = Pick<
  SwitchboardServices,
  'conferences' | 'simulations' | 'liveCalls' | 'sipProvisioner' | 'softphoneIceServers'
>;

/** createApp's options a test may set (e.g. where the SIP WebSocket proxy relays to). */
export type TestAppOptions = Pick<CreateAppOptions, 'sipWebSocketUpstream' | 'allowedHosts'> & {
  /** Serve over HTTPS with this certificate (server/https-settings.ts). */
  https?: HttpsFiles;
};

export async function startTestApp(
  label: string,
  extra: TestAppServices = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const { https, ...appOptions } = options;
  const temp = openTempDatabase();
  const scratch = mkdtempSync(join(tmpdir(), `switchboard-${label}-test-`));
  const prompts = createPromptStore({ PROMPTS_DIR: join(scratch, 'prompts') });
  const switchboard = await createApp(
    {
      db: temp.db,
      prompts,
      asterisk: () => ({ state: 'not-configured', message: 'No Asterisk in tests', since: 0 }),
      ...extra,
    },
    { dev: true, hmr: false, viteCacheDir: join(scratch, 'vite-cache'), ...appOptions },
  );
  const server = switchboard.listen(0, '127.0.0.1', undefined, https);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    base: `${https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    temp,
    prompts,
    async close() {
      switchboard.sipWebSocket.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await switchboard.close();
      temp.dispose();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
