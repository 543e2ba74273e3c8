// The call runtime as a service: one ARI connection, one session per incoming call, all recorded in the database.
// `npm start` runs it inside the web server's process; `npm run runtime` runs it alone (server/runtime-main.ts).
import type { SwitchboardDb } from '#db/client.ts';
import { createCalendarDirectory, createCalendarSwitches } from '#db/calendars.ts';
import { calendarOverrideFeatureCode } from './feature-codes/calendar-override.ts';
import { createBufferedCallRecorder, openCallOfChannel } from '#db/calls.ts';
import { createFlowDirectory, createPeopleDirectory } from '#db/directory.ts';
import { createAgentDirectory, createAgentSelfService } from '#db/agent-directory.ts';
import { createVoicemailBoxes, voicemailDirFor } from '#db/voicemail.ts';
import { ariMessageWaiting } from './ari/message-waiting.ts';
import { fixedVoicemailSentences } from './voicemail/voicemail-prompts.ts';
import { createConferenceRecordingLog, DEFAULT_CONFERENCE_RECORDINGS_DIR } from '#db/conference-recording-log.ts';
import { AriConferenceMedia, conferenceBridgePrefix } from './ari/conference-media.ts';
import type { AriCallPort } from './ari/call-port.ts';
import {
  AriConnection,
  type AriConnectionState,
  type AriConnectionStatus,
  type AriSettings,
  type AriTraffic,
  type SurvivingCall,
} from './ari/connection.ts';
import type { SipAccountProvisioner } from './ari/pjsip-provisioning.ts';
import { createPeopleSync, type PeopleSyncStatus } from '#provisioning/people/asterisk-sync.ts';
import { ConferenceService } from './conference/conference-service.ts';
import { createQueueStore } from '#db/queues.ts';
import { ariCallbackDialer } from './ari/callback-dialer.ts';
import { pollLineStates } from './ari/line-states.ts';
import { QueueService } from './queue/queue-service.ts';
import { personLineInUse } from './person-dial.ts';
import { promptFileNameStore } from './conference/prompt-name-store.ts';
import { processBusinessClock, testClockFromEnv, type Clock } from './clock.ts';
import { log } from './log.ts';
import { builtInPromptSpecs, platformLanguage } from './nodes/built-in-messages.ts';
import { agentCodePromptSpecs } from './feature-codes/agent-code-messages.ts';
import { agentLoginCode, agentPauseCode } from './feature-codes/agent-codes.ts';
import {
  matchFeatureCode,
  runFeatureCodeCall,
  type FeatureCode,
  type FeatureCodeMatch,
} from './feature-codes/index.ts';
import { promptSourceFrom } from './prompt-source.ts';
import { endAfterRestart, planResume, type ResumePlan } from './resume.ts';
import { runCall, type ResumeCall, type SessionDeps } from './session.ts';
import type { PromptStore } from './tts/prompt-store.ts';

/** How the link to Asterisk is doing, as the web app shows it. */
export type AsteriskLinkState = 'not-configured' | 'connecting' | 'connected' | 'disconnected' | 'auth-failed';

export interface AsteriskLinkStatus {
  state: AsteriskLinkState;
  message: string;
  since: number;
}

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
  /** Where voicemail messages and greetings are saved (default VOICEMAIL_DIR, else "voicemail" beside the database). */
  voicemailDir?: string;
  /** Where conference recordings are saved (default CONFERENCE_RECORDINGS_DIR or ./data/conference-recordings). */
  conferenceRecordingsDir?: string;
  onStatus?: (status: AsteriskLinkStatus) => void;
  /**
   * Pushes people's SIP accounts to Asterisk. Whenever the ARI link comes up the whole directory is synced (people
   * are not in pjsip.conf: this is how they reach Asterisk). Without it, health() says people are not managed.
   */
  sipProvisioner?: SipAccountProvisioner;
  /**
   * The clock business-hours nodes read. Default: SWITCHBOARD_TEST_CLOCK on a test or demo installation (start-up
   * is refused anywhere else, runtime/clock.ts), else the real time.
   */
  clock?: Clock;
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
  /** The live conference rooms (room view, HTTP API). */
  conferences: ConferenceService;
  /** Department queues (wallboards, live counts). */
  queues: QueueService;
  /** Calls in progress by channel id, with the node each is in (live views of the canvas). */
  liveCalls(): ReadonlyMap<string, LiveCall>;
  /** Resolves when every call in progress has finished its session (used by stop and tests). */
  idle(): Promise<void>;
  /** Whether the runtime can take calls now (monitoring, and tests waiting for it). */
  health(): RuntimeHealth;
  stop(): Promise<void>;
}

export interface RuntimeHealth {
  /** The runtime's own ARI connection; "connected" means its WebSocket holds the Stasis app, so calls reach it. */
  ari: { state: AriConnectionState; since: number };
  /** The platform's own messages: rendered at start-up; "failed" means a call needing one renders it then. */
  builtInPrompts: 'rendering' | 'ready' | 'failed';
  /** People's SIP accounts in Asterisk: "synced" with `at` after ari.since means every person can register. */
  people: PeopleSyncStatus | { state: 'not-configured' };
  activeCalls: number;
  /** ARI requests made through the call adapter and events received since start (cumulative). */
  ariTraffic: AriTraffic;
}

export function startRuntime(options: RuntimeOptions): RunningRuntime {
  const language = options.language ?? platformLanguage();
  // Throws (the runtime does not start) when SWITCHBOARD_TEST_CLOCK is set outside a test or demo installation.
  const testClock = options.clock ? null : testClockFromEnv(process.env);
  if (testClock) {
    log.warn(
      `SWITCHBOARD_TEST_CLOCK: business-hours nodes see the clock start at ${testClock.startedAt.toISOString()} ` +
        '(a test installation; never in production)',
    );
  }
  // The same clock as this process's pages and simulator (read once), or the one given.
  const businessClock = options.clock ?? (testClock ? processBusinessClock() : null);
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
    calendars: createCalendarDirectory(options.db),
    ...(businessClock ? { clock: businessClock } : {}),
    voicemail: createVoicemailBoxes(options.db, {
      dir: options.voicemailDir ?? voicemailDirFor(options.db),
      onCountsChanged: ariMessageWaiting(options.ari, log),
    }),
  };
  // Numbers starting with * that act on Switchboard itself; answered before any flow is looked up.
  const agentSelfService = createAgentSelfService(options.db);
  const featureCodes: FeatureCode[] = [
    agentLoginCode(agentSelfService),
    agentPauseCode(agentSelfService),
    calendarOverrideFeatureCode({ calendars: createCalendarSwitches(options.db) }),
  ];
  const stopping = new AbortController();
  const live = new Map<string, LiveCall>();
  const sessions = new Set<Promise<unknown>>();

  // The platform's own sentences are rendered before the first call can need them; health() tells when that is done.
  let builtInPrompts: RuntimeHealth['builtInPrompts'] = 'rendering';
  void options.prompts.renderAll([...builtInPromptSpecs(language), ...agentCodePromptSpecs(language)]).then(
    () => (builtInPrompts = 'ready'),
    (error: unknown) => {
      builtInPrompts = 'failed';
      log.warn(`Could not pre-render the built-in messages: ${String(error)}`);
    },
  );

  // Voicemail's fixed sentences too (6099 asks for box and PIN before anything else can be rendered).
  void options.prompts
    .renderAll(fixedVoicemailSentences(language))
    .catch((error: unknown) => log.warn(`Could not pre-render the voicemail prompts: ${String(error)}`));

  const connection = new AriConnection(options.ari, { media: connectionMedia(options) });

  // Conference rooms live on ARI bridges of this connection; their recordings are written down in the database.
  const conferenceMedia = new AriConferenceMedia(connection, { media: connectionMedia(options), log });
  const conferences = new ConferenceService({
    media: conferenceMedia,
    prompts: deps.prompts,
    recordings: createConferenceRecordingLog(
      options.db,
      options.conferenceRecordingsDir ??
        (process.env.CONFERENCE_RECORDINGS_DIR?.trim() || DEFAULT_CONFERENCE_RECORDINGS_DIR),
    ),
    names: promptFileNameStore(options.prompts),
    logger: log,
  });
  deps.conferences = conferences;

  // Department queues: callers wait on their own channel, agents are rung from here (docs/call-centre.md).
  const lineStates = pollLineStates(() => connection.rest, log);
  const callbackDialer = ariCallbackDialer({ rest: () => connection.rest, logger: log });
  const queues = new QueueService({
    agents: createAgentDirectory(options.db, { pollMs: 2_000 }),
    store: createQueueStore(options.db),
    logger: log,
    lines: {
      // Asterisk's own view of the agent's phone: a call that did not come through a queue counts too.
      // Any of the person's devices (desk phone, browser) on a call makes the person's line in use.
      inUse: (username) => personLineInUse(username, (device) => connection.rest.deviceState(device)),
      busyNow: (username) => lineStates.busyNow(username),
    },
    callbacks: callbackDialer,
    ...(process.env.SWITCHBOARD_CALLBACK_DIAL?.trim()
      ? { callbackDialTemplate: process.env.SWITCHBOARD_CALLBACK_DIAL.trim() }
      : {}),
  });
  deps.queues = queues;

  const peopleSync = options.sipProvisioner ? createPeopleSync(options.db, options.sipProvisioner) : null;

  connection.on('state', (status: AriConnectionStatus) => {
    log.info(`ARI ${status.state}: ${status.message}`);
    peopleSync?.onAriState(status.state);
    options.onStatus?.({ state: status.state, message: status.message, since: status.since.getTime() });
  });

  connection.on('resynced', ({ present, survivors }) => {
    // Calls this database still thinks are running are lost only when Asterisk really no longer has their channel;
    // those it still has in our app (survivors, after a crash of the runtime) are taken back just below.
    const closed = recorder.closeCallsNotIn(new Set([...present, ...live.keys()]), Date.now());
    if (closed > 0) log.warn(`Closed ${closed} call record(s) whose channel disappeared`);
    void takeBack(survivors).catch((error: unknown) =>
      log.error(`Could not take back the calls of a previous run: ${String(error)}`),
    );
  });

  /**
   * After a (re)connect: calls left in the app by a previous run are resumed where their saved position says, or
   * ended with an apology; conference bridges nobody takes back are destroyed (the callers in them hung up).
   */
  const takeBack = async (survivors: SurvivingCall[]) => {
    recorder.flush(); // the saved positions read below must include the last window's
    const roomBridges = await conferenceMedia.listBridges().catch((error: unknown) => {
      log.warn(`Could not list conference bridges: ${String(error)}`);
      return [];
    });
    const plans = survivors.map(({ port, legIds }) => {
      let plan: ResumePlan;
      try {
        plan = planResume({
          channelId: port.id,
          open: openCallOfChannel(options.db, port.id),
          flows: deps.flows,
          conferenceBridges: roomBridges,
          roomBridgePrefix: (room) => `${conferenceBridgePrefix(options.ari.app)}${room}-`,
        });
      } catch (error) {
        plan = {
          kind: 'end',
          callId: null,
          reason: `its position could not be read: ${String(error)}`,
          language: null,
        };
      }
      return { port, legIds, plan };
    });
    const keep = new Set(conferences.liveBridgeIds());
    for (const { plan } of plans)
      if (plan.kind === 'resume' && plan.resume.hold?.kind === 'conference' && plan.resume.hold.bridgeId)
        keep.add(plan.resume.hold.bridgeId);
    // Bridges a previous run (or a lost Asterisk) left behind go, with any caller stuck in them but those taken back.
    await conferenceMedia
      .removeOrphanBridges(keep, new Set(survivors.map(({ port }) => port.id)))
      .catch((error: unknown) => log.warn(`Could not clean up orphan conference bridges: ${String(error)}`));
    for (const { port, legIds, plan } of plans) {
      const keptLeg = plan.kind === 'resume' && plan.resume.hold?.kind === 'dial' ? plan.resume.hold.legId : null;
      for (const legId of legIds) if (legId !== keptLeg) connection.rest.hangup(legId).catch(() => {}); // a dial that will not go on
      if (plan.kind === 'resume') {
        log.info(`resuming call ${plan.resume.callId} (channel ${port.id}) in node ${plan.resume.nodeId}`);
        follow(port, plan.resume);
      } else {
        log.warn(`ending call on channel ${port.id} after the restart: ${plan.reason}`);
        follow(port, null, plan);
      }
    }
  };

  /** Runs a call's session (new, or taken back after a restart) and keeps it in the live list until it ends. */
  const follow = (port: AriCallPort, resume: ResumeCall | null, ending?: Extract<ResumePlan, { kind: 'end' }>) => {
    const entry: LiveCall = {
      callId: resume?.callId ?? ending?.callId ?? null,
      dialledNumber: port.dialledNumber,
      nodeId: null,
      versionId: null,
      startedAt: Date.now(),
    };
    live.set(port.id, entry);
    const work = ending
      ? endAfterRestart(port, ending, deps)
      : runCall(port, deps, {
          stop: stopping.signal,
          ...(resume ? { resume } : {}),
          onStep: (nodeId, versionId) => {
            entry.nodeId = nodeId;
            entry.versionId = versionId;
          },
        }).then((summary) => {
          entry.callId = summary.callId;
          log.info(
            `call ${summary.callId} to ${port.dialledNumber} from ${port.caller.number || 'unknown'}: ${summary.outcome}`,
            {
              steps: summary.steps,
              reason: summary.reason,
            },
          );
        });
    const session = work
      .catch((error: unknown) => log.error(`call ${port.id} could not be recorded: ${String(error)}`))
      .finally(() => {
        live.delete(port.id);
        sessions.delete(session);
      });
    sessions.add(session);
  };

  /** A feature code call (*45...): answered by its code instead of a flow, kept in the live list like the others. */
  const followFeatureCode = (port: AriCallPort, found: FeatureCodeMatch) => {
    live.set(port.id, {
      callId: null,
      dialledNumber: port.dialledNumber,
      nodeId: null,
      versionId: null,
      startedAt: Date.now(),
    });
    const session = runFeatureCodeCall(port, { ...deps, language }, found, { stop: stopping.signal })
      .then((summary) => log.info(`call ${summary.callId} to feature code ${port.dialledNumber}: ${summary.outcome}`))
      .catch((error: unknown) => log.error(`call ${port.id} could not be recorded: ${String(error)}`))
      .finally(() => {
        live.delete(port.id);
        sessions.delete(session);
      });
    sessions.add(session);
  };

  // Feature codes are looked at before any flow: no flow can take their numbers.
  connection.on('incoming-call', (port) => {
    if (callbackDialer.takeAgentLeg(port)) return; // an agent answering a callback: the queue service has it
    const featureCode = matchFeatureCode(featureCodes, port.dialledNumber);
    if (featureCode) followFeatureCode(port, featureCode);
    else follow(port, null);
  });

  connection.start();

  const idle = async () => {
    while (sessions.size > 0) await Promise.allSettled([...sessions]);
  };

  return {
    connection,
    conferences,
    queues,
    liveCalls: () => live,
    idle,
    health: () => {
      const status = connection.currentStatus;
      return {
        ari: { state: status.state, since: status.since.getTime() },
        builtInPrompts,
        people: peopleSync?.status() ?? { state: 'not-configured' },
        activeCalls: live.size,
        ariTraffic: { ...connection.traffic },
      };
    },
    async stop() {
      stopping.abort(new Error('The runtime is stopping'));
      await idle();
      await conferences.close();
      queues.close();
      lineStates.stop();
      conferenceMedia.dispose();
      await connection.stop();
      recorder.flush();
    },
  };
}

function connectionMedia(options: RuntimeOptions) {
  return {
    promptBaseUrl: options.promptBaseUrl,
    audioBaseUrl: options.audioBaseUrl ?? options.promptBaseUrl.replace(/\/prompts\/?$/, '/audio'),
  };
}
