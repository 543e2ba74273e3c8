import type { SwitchboardDb } from '#db/client.ts';
import type { SipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import type { ConferenceRooms } from '#runtime/conference/conference-rooms.ts';
import type { QueueSnapshot } from '#runtime/queue/queue-service.ts';
import type { SimulationManager } from '#runtime/simulator/manager.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';

export type { AsteriskLinkState, AsteriskLinkStatus } from '#runtime/service.ts';
import type { AsteriskLinkStatus } from '#runtime/service.ts';

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
  /**
   * The live conference rooms (runtime/conference/) when this process runs the call runtime. Absent without
   * Asterisk: the room view says so and /api/conferences answers 503.
   */
  conferences?: ConferenceRooms;
  /**
   * Pushes people's SIP accounts to the running Asterisk (runtime/ari/pjsip-provisioning.ts) when ARI is configured.
   * Absent: the People page saves the directory and says Asterisk gets the change when Switchboard next connects.
   */
  sipProvisioner?: SipAccountProvisioner;
  /**
   * STUN/TURN server URLs the web softphone's browser uses to reach Asterisk's media (SOFTPHONE_ICE_SERVERS,
   * server/softphone-settings.ts). Absent: none (browser and Asterisk on one network).
   */
  softphoneIceServers?: readonly string[];
  /**
   * Calls in progress and the node each is in (runtime/service.ts liveCalls), when this process runs the call
   * runtime. Absent: the canvas's live counts read running calls from the database instead (app/traffic).
   */
  liveCalls?: () => ReadonlyMap<string, LiveCallNode>;
  /**
   * Department queues as the runtime of this process holds them (runtime/queue/queue-service.ts): who waits, agents'
   * states. Absent: the queue report and the canvas read the places saved in the database (queue_entries).
   */
  queues?: () => QueueSnapshot[];
}

/** What the live counts need of a call in progress (runtime/service.ts LiveCall has these and more). */
export interface LiveCallNode {
  nodeId: string | null;
  versionId: string | null;
  /** The call's history id, to tell a caller waiting in a queue from one talking (absent: not told). */
  callId?: string | null;
}
