// The call runtime as a service: one ARI connection, one session per incoming call, all recorded in the database.
// `npm start` runs it inside the web server's process; `npm run runtime` runs it alone (runtime/main.ts).
import type { SwitchboardDb } from '#db/client.ts';
import { createBufferedCallRecorder } from '#db/calls.ts';
import { createFlowDirectory, createPeopleDirectory } from '#db/directory.ts';
import type { AsteriskLinkStatus } from '#server/services.ts';
import { AriConnection, type AriConnectionStatus, type AriSettings } from './ari/connection.ts';
import { log } from './log.ts';
import { builtInPromptSpecs } from './nodes/built-in-messages.ts';
import { promptSourceFrom } from './prompt-source.ts';
import { runCall, type SessionDeps } from './session.ts';
import type { PromptStore } from './tts/prompt-store.ts';

export interface RuntimeOptions {
  db: SwitchboardDb;
  prompts: PromptStore;
  ari: AriSettings;
  /** Where Asterisk fetches rendered prompts, e.g. http://127.0.0.1:3000/prompts. */
  promptBaseUrl: string;
  /** Where Asterisk fetches uploaded audio files. */
  audioBaseUrl?: string;
  /** Language of the platform's own messages (not in service, apologies). */
  language?: string;
  onStatus?: (status: AsteriskLinkStatus) => void;
}

export interface LiveCall {
  callId: string | null;
  dialledNumber: string;
  nodeId: string | null;
  versionId: string | null;
  startedAt: number;
}

export interface RunningRuntime {
  connection: AriConnection;
  /** Calls in progress by channel id, with the node each is in (live views of the canvas). */
  liveCalls(): ReadonlyMap<string, LiveCall>;
  /** Resolves when every call in progress has finished its session (used by stop and tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startRuntime(options: RuntimeOptions): RunningRuntime {
  const language = options.language ?? process.env.SWITCHBOARD_LANGUAGE ?? 'fr-FR';
  const recorder = createBufferedCallRecorder(options.db, (error, callId) =>
    log.error(`Could not record an event of call ${callId}: ${String(error)}`),
  );
  const deps: SessionDeps = {
    flows: createFlowDirectory(options.db),
    people: createPeopleDirectory(options.db),
    prompts: promptSourceFrom(options.prompts),
    recorder,
    language,
    logger: log,
  };
  const stopping = new AbortController();
  const live = new Map<string, LiveCall>();
  const sessions = new Set<Promise<unknown>>();

  // The platform's own sentences are rendered before the first call can need them.
  void options.prompts.renderAll(builtInPromptSpecs(language)).catch((error: unknown) =>
    log.warn(`Could not pre-render the built-in messages: ${String(error)}`),
  );

  const connection = new AriConnection(options.ari, {
    media: { promptBaseUrl: options.promptBaseUrl, audioBaseUrl: options.audioBaseUrl ?? options.promptBaseUrl.replace(/\/prompts\/?$/, '/audio') },
  });

  connection.on('state', (status: AriConnectionStatus) => {
    log.info(`ARI ${status.state}: ${status.message}`);
    options.onStatus?.({ state: status.state, message: status.message, since: status.since.getTime() });
  });

  connection.on('resynced', ({ alive }) => {
    // Calls this database still thinks are running but whose channel Asterisk no longer has are closed as lost.
    const closed = recorder.closeCallsNotIn(new Set([...alive, ...live.keys()]), Date.now());
    if (closed > 0) log.warn(`Closed ${closed} call record(s) whose channel disappeared`);
  });

  connection.on('incoming-call', (port) => {
    const entry: LiveCall = { callId: null, dialledNumber: port.dialledNumber, nodeId: null, versionId: null, startedAt: Date.now() };
    live.set(port.id, entry);
    const session = runCall(port, deps, {
      stop: stopping.signal,
      onStep: (nodeId, versionId) => {
        entry.nodeId = nodeId;
        entry.versionId = versionId;
      },
    })
      .then((summary) => {
        entry.callId = summary.callId;
        log.info(`call ${summary.callId} to ${port.dialledNumber} from ${port.caller.number || 'unknown'}: ${summary.outcome}`, {
          steps: summary.steps,
          reason: summary.reason,
        });
      })
      .catch((error: unknown) => log.error(`call ${port.id} could not be recorded: ${String(error)}`))
      .finally(() => {
        live.delete(port.id);
        sessions.delete(session);
      });
    sessions.add(session);
  });

  connection.start();

  const idle = async () => {
    while (sessions.size > 0) await Promise.allSettled([...sessions]);
  };

  return {
    connection,
    liveCalls: () => live,
    idle,
    async stop() {
      stopping.abort(new Error('The runtime is stopping'));
      await idle();
      await connection.stop();
      recorder.flush();
    },
  };
}
