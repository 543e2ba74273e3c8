import type { SwitchboardDb } from '#db/client.ts';
import type { SimulationManager } from '#runtime/simulator/manager.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

export type AsteriskLinkState = 'not-configured' | 'connecting' | 'connected' | 'disconnected' | 'auth-failed';

export interface AsteriskLinkStatus {
  state: AsteriskLinkState;
  message: string;
  since: number;
}

/** What the web app's loaders and actions may use; built once by server/main.ts. */
export interface SwitchboardServices {
  db: SwitchboardDb;
  prompts: PromptStore;
  asterisk(): AsteriskLinkStatus;
  /**
   * The editor's test calls (runtime/simulator). Optional: when absent, app/simulator/services.server.ts makes one
   * on first use from `db` and `prompts`.
   */
  simulations?: SimulationManager;
}
