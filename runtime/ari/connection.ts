// AriConnection: the runtime's one link to an Asterisk. It owns the events WebSocket's lifecycle (probe, open, replace
// the session after any loss, forever, with capped backoff), turns StasisStart into AriCallPorts, routes every event
// to the port it concerns, and after each (re)connect checks which calls survived. The rest of the runtime sees typed
// events and CallPorts, never HTTP or WebSockets. See docs/decisions/003-ari-adapter.md and 022-own-ari-client.md.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { sleep } from './abort.ts';
import { AriHttpClient, basicAuthorization } from './ari-http-client.ts';
import {
  channelIdOfPlaybackTarget,
  DIAL_LEG_MARK,
  isDialLegOf,
  HELPER_CHANNEL_MARK,
  isOwnChannelStart,
  stasisArgsIn,
  type AriChannelJson,
  type AriEventJson,
} from './ari-events.ts';
import { eventFilterBody } from './event-filter.ts';
import { errorMessage, restOverHttp, type AriRest } from './ari-rest.ts';
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from './backoff.ts';
import { AriCallPort, ChannelLost } from './call-port.ts';
import { AriEventSession, type AriLog } from './event-session.ts';
import { log as runtimeLog } from '#runtime/log.ts';
import type { MediaLocations } from './media-uri.ts';
import { probeAri } from './probe.ts';
import type { AriSettings } from './settings.ts';

export { ariSettingsFromEnv, type AriSettings } from './settings.ts';
export type { AriLog } from './event-session.ts';

export type AriConnectionState = 'connecting' | 'connected' | 'disconnected' | 'auth-failed';

export interface AriConnectionStatus {
  state: AriConnectionState;
  message: string;
  since: Date;
}

export interface AriResync {
  /** Calls (and dial legs) that were alive before and still are. */
  alive: string[];
  /** Channels we thought alive that Asterisk no longer has; their ports were ended with ChannelLost. */
  lost: string[];
  /** Every channel Asterisk has now (in our app or not). */
  present: string[];
  /**
   * Calls in our Stasis app that this connection knew nothing of: left by a previous run of the runtime (a crash, a
   * restart). Each has a port now, routed like any call; whoever listens must resume or end them.
   */
  survivors: SurvivingCall[];
}

export interface SurvivingCall {
  port: AriCallPort;
  /** Dial legs a previous run originated for this call that are still in the app. */
  legIds: string[];
}

export interface AriConnectionEvents {
  state: [AriConnectionStatus];
  'incoming-call': [AriCallPort];
  resynced: [AriResync];
  'channels-lost': [string[]];
  /** Every ARI event, before it is routed to a call (for services that follow bridges and talk events). */
  'ari-event': [AriEventJson];
}

export interface AriConnectionOptions {
  media: MediaLocations;
  log?: AriLog;
  backoff?: BackoffPolicy;
  /** Most HTTP sockets the REST client may hold to Asterisk at once (Asterisk's http.conf sessionlimit counts them). */
  maxHttpSockets?: number;
  /** An idle keep-alive socket is closed after this long: below Asterisk's 15 s keep-alive, so Asterisk never does. */
  httpIdleTimeoutMs?: number;
  /** A REST call without a complete answer this long fails instead of hanging. */
  requestTimeoutMs?: number;
  probeTimeoutMs?: number;
  /** Opening the events WebSocket. */
  connectTimeoutMs?: number;
  /** WebSocket ping period; a ping unanswered by the next one counts as a lost connection. */
  heartbeatMs?: number;
  /** A connection that lasted this long counts as healthy: the next reconnect starts again from the shortest delay. */
  stableAfterMs?: number;
}

export const DEFAULT_MAX_HTTP_SOCKETS = 32;

/** Cumulative counts for benchmarks and monitoring (GET /health of the runtime). */
export interface AriTraffic {
  requests: number;
  events: number;
}

type AttemptOutcome =
  { ok: true; session: AriEventSession } | { ok: false; state: 'auth-failed' | 'disconnected'; message: string };

export class AriConnection extends EventEmitter<AriConnectionEvents> {
  /** REST for ports: fails fast while disconnected. */
  readonly rest: AriRest;
  readonly httpAgent: http.Agent;
  /** REST for everything, over httpAgent; only handed out while connected (currentClient). */
  private readonly ariHttp: AriHttpClient;
  /** Computed once: the same header goes with every request and every WebSocket. */
  private readonly authorization: string;
  private readonly log: AriLog;
  private readonly ports = new Map<string, AriCallPort>();
  private readonly legOwners = new Map<string, AriCallPort>();
  private readonly stopping = new AbortController();
  /** REST requests made for calls and events received, since start: what a call costs in round trips. */
  readonly traffic: AriTraffic = { requests: 0, events: 0 };
  private session: AriEventSession | undefined;
  private currentRest: AriRest | undefined;
  private loop: Promise<void> | undefined;
  private status: AriConnectionStatus = { state: 'disconnected', message: 'not started', since: new Date() };

  constructor(
    readonly settings: AriSettings,
    private readonly options: AriConnectionOptions,
  ) {
    super();
    this.log = options.log ?? runtimeLog;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxHttpSockets ?? DEFAULT_MAX_HTTP_SOCKETS,
      maxFreeSockets: options.maxHttpSockets ?? DEFAULT_MAX_HTTP_SOCKETS,
      timeout: options.httpIdleTimeoutMs ?? 10_000,
    };
    this.httpAgent = settings.url.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.authorization = basicAuthorization(settings.username, settings.password);
    this.ariHttp = new AriHttpClient({
      url: settings.url,
      authorization: this.authorization,
      agent: this.httpAgent,
      timeoutMs: options.requestTimeoutMs,
    });
    this.rest = this.restFacade();
  }

  get currentStatus(): AriConnectionStatus {
    return this.status;
  }

  /** Calls in progress, by channel id. */
  get activeCalls(): ReadonlyMap<string, AriCallPort> {
    return this.ports;
  }

  /**
   * The ARI HTTP client, for adapters inside runtime/ari/ that need more of ARI than AriRest (conference bridges).
   * Throws while disconnected, so ask again for each operation, as with `rest`.
   */
  currentClient(): AriHttpClient {
    if (!this.session || !this.currentRest)
      throw new Error(`ARI is not connected (${this.status.state}: ${this.status.message})`);
    return this.ariHttp;
  }

  /** Dial legs whose events are routed to a call (diagnostics: 0 when no dial is in progress). */
  get trackedDialLegs(): number {
    return this.legOwners.size;
  }

  /** Starts connecting in the background; state events tell how it goes. Never throws, never crashes on ARI errors. */
  start(): void {
    if (this.loop || this.stopping.signal.aborted) return;
    this.loop = this.run().catch((error: unknown) =>
      this.log.warn(`ARI connection loop ended unexpectedly: ${String(error)}`),
    );
  }

  /** Closes the WebSocket, cancels retries, ends every port's signal and frees every socket and timer. */
  async stop(): Promise<void> {
    if (!this.stopping.signal.aborted) this.stopping.abort(new Error('ARI connection stopped'));
    this.session?.retire('stopped');
    await this.loop;
    for (const port of [...this.ports.values()]) port.end(new ChannelLost('the ARI adapter stopped'));
    this.legOwners.clear();
    this.httpAgent.destroy();
    this.setStatus('disconnected', 'stopped');
  }

  /** Resolves once the state is `state` (or at once if it already is); rejects after timeoutMs. For callers and tests. */
  waitForState(state: AriConnectionState, timeoutMs: number): Promise<AriConnectionStatus> {
    if (this.status.state === state) return Promise.resolve(this.status);
    return new Promise((resolve, reject) => {
      const onState = (status: AriConnectionStatus) => {
        if (status.state !== state) return;
        clearTimeout(timer);
        this.off('state', onState);
        resolve(status);
      };
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(
          new Error(
            `ARI connection did not become ${state} within ${timeoutMs} ms (now ${this.status.state}: ${this.status.message})`,
          ),
        );
      }, timeoutMs);
      this.on('state', onState);
    });
  }

  private async run(): Promise<void> {
    const stop = this.stopping.signal;
    const backoff = this.options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    let attempt = 0;
    // 'connecting' is announced once, at start; after that the state stays at the last outcome (disconnected,
    // auth-failed) while retries run in the background, so listeners see changes, not every attempt.
    this.setStatus('connecting', `connecting to ${this.settings.url}`);
    while (!stop.aborted) {
      const outcome = await this.connectOnce();
      if (stop.aborted) {
        if (outcome.ok) outcome.session.retire('stopped');
        break;
      }
      if (outcome.ok) {
        const connectedAt = Date.now();
        const reason = await outcome.session.closed;
        this.session = undefined;
        this.currentRest = undefined;
        if (stop.aborted) break;
        this.log.warn(`ARI connection lost: ${reason}`);
        this.setStatus('disconnected', reason);
        if (Date.now() - connectedAt >= (this.options.stableAfterMs ?? 10_000)) attempt = 0;
      } else {
        this.setStatus(outcome.state, outcome.message);
      }
      await sleep(reconnectDelayMs(attempt, backoff), [stop]).catch(() => {});
      attempt += 1;
    }
    this.session = undefined;
    this.currentRest = undefined; // stopped: ports' clean-ups must not start REST calls on a closing agent
  }

  private async connectOnce(): Promise<AttemptOutcome> {
    const stop = this.stopping.signal;
    const probe = await probeAri(this.settings, { timeoutMs: this.options.probeTimeoutMs ?? 5_000, signal: stop });
    if (!probe.ok)
      return {
        ok: false,
        state: probe.kind === 'auth-failed' ? 'auth-failed' : 'disconnected',
        message: probe.message,
      };

    const session = new AriEventSession({
      url: this.settings.url,
      authorization: this.authorization,
      app: this.settings.app,
      onEvent: (event) => this.dispatch(event),
      log: this.log,
    });
    this.session = session;
    const opened = await session.open(this.options.connectTimeoutMs ?? 15_000);
    if (!opened || stop.aborted) {
      const reason = await Promise.race([session.closed, Promise.resolve('stopped')]);
      session.retire('stopped');
      this.session = undefined;
      return {
        ok: false,
        state: 'disconnected',
        message: `ARI WebSocket for app "${this.settings.app}" did not open: ${reason}`,
      };
    }
    session.startHeartbeat(this.options.heartbeatMs ?? 10_000);
    this.currentRest = restOverHttp(this.ariHttp, this.settings.app);
    await this.filterEvents();
    // 'connected' only once we know which calls survived, so a listener sees a consistent picture.
    if (await this.resync(session)) {
      const version = probe.asteriskVersion ? ` ${probe.asteriskVersion}` : '';
      this.setStatus(
        'connected',
        `connected to Asterisk${version} at ${this.settings.url} as app "${this.settings.app}"`,
      );
    }
    return { ok: true, session };
  }

  /** Only the event types the runtime reads (event-filter.ts); an Asterisk without filters simply sends them all. */
  private async filterEvents(): Promise<void> {
    const app = encodeURIComponent(this.settings.app);
    try {
      await this.ariHttp.request('PUT', `/applications/${app}/eventFilter`, { body: eventFilterBody() });
    } catch (error) {
      this.log.info(`ARI event filter not set (all events will arrive): ${errorMessage(error)}`);
    }
  }

  /** After a (re)connect: every call we track whose channel Asterisk no longer has is over. */
  private async resync(session: AriEventSession): Promise<boolean> {
    // Only channels known *before* the list was requested can be judged by it; newer ones arrived over this session.
    const knownPorts = [...this.ports.values()];
    const knownLegs = [...this.legOwners.entries()];
    let channels: AriChannelJson[];
    try {
      channels = await this.rest.listChannels();
    } catch (error) {
      session.retire(`resync failed: ${errorMessage(error)}`);
      return false;
    }
    const present = new Set(channels.map((channel) => channel.id));
    const alive: string[] = [];
    const lost: string[] = [];
    for (const port of knownPorts) {
      if (port.isEnded) continue;
      if (present.has(port.id)) {
        alive.push(port.id);
        // It lived through the gap, but events may have been missed (a prompt finishing, a callee answering).
        port
          .recheckAfterReconnect()
          .catch((error: unknown) => this.log.warn(`recheck of ${port.id} failed: ${errorMessage(error)}`));
      } else {
        lost.push(port.id);
        port.end(new ChannelLost('Asterisk no longer has it after the ARI connection came back'));
      }
    }
    for (const [legId, owner] of knownLegs) {
      if (present.has(legId)) alive.push(legId);
      else {
        lost.push(legId);
        this.legOwners.delete(legId);
        owner.handleDialLegLost(legId);
      }
    }
    if (lost.length > 0) {
      this.log.warn(`ARI resync: ${lost.length} channel(s) lost while disconnected: ${lost.join(', ')}`);
      this.emitSafely('channels-lost', lost);
    }
    const survivors = this.adoptSurvivors(channels);
    this.emitSafely('resynced', { alive, lost, present: [...present], survivors });
    return true;
  }

  /**
   * Channels in our app without a port were left by a previous run: callers get a port (reported as survivors), dial
   * legs stay for their caller's resumed dial, and legs whose caller is gone are hung up (nobody will bridge them).
   */
  private adoptSurvivors(channels: AriChannelJson[]): SurvivingCall[] {
    const survivors = new Map<string, SurvivingCall>();
    const legs: { id: string; callerId: string | undefined }[] = [];
    for (const channel of channels) {
      const args = stasisArgsIn(channel, this.settings.app);
      if (this.ports.has(channel.id) || this.legOwners.has(channel.id)) continue;
      if (!args) {
        // A dial leg that was still ringing when a previous run died: nobody will bridge it (a dial rings again).
        if (isDialLegOf(channel.id, this.settings.app)) {
          this.log.info(`hanging up dial leg ${channel.id}, left ringing by a previous run`);
          this.rest.hangup(channel.id).catch(() => {});
        }
        continue;
      }
      if (args[0] === DIAL_LEG_MARK) legs.push({ id: channel.id, callerId: args[1] });
      else if (args[0] !== HELPER_CHANNEL_MARK) {
        const port = this.portFor(channel, args);
        survivors.set(port.id, { port, legIds: [] });
      }
    }
    for (const leg of legs) {
      const owner = leg.callerId === undefined ? undefined : survivors.get(leg.callerId);
      if (owner) owner.legIds.push(leg.id);
      else {
        this.log.info(`hanging up orphan dial leg ${leg.id} left by a previous run`);
        this.rest.hangup(leg.id).catch(() => {});
      }
    }
    if (survivors.size > 0)
      this.log.info(
        `ARI resync: ${survivors.size} call(s) in the app from a previous run: ${[...survivors.keys()].join(', ')}`,
      );
    return [...survivors.values()];
  }

  private dispatch(event: AriEventJson): void {
    this.traffic.events += 1;
    if (this.listenerCount('ari-event') > 0) this.emitSafely('ari-event', event);
    if (event.type === 'StasisStart') {
      this.onStasisStart(event);
      return;
    }
    const channelId = event.type.startsWith('Playback')
      ? channelIdOfPlaybackTarget(event.playback?.target_uri)
      : event.type.startsWith('Recording')
        ? channelIdOfPlaybackTarget(event.recording?.target_uri)
        : event.channel?.id;
    if (!channelId) return;
    const port = this.ports.get(channelId);
    if (port) {
      port.handleChannelEvent(event);
      return;
    }
    const owner = this.legOwners.get(channelId);
    if (owner) {
      owner.handleDialLegEvent(event);
      if (event.type === 'ChannelDestroyed') this.legOwners.delete(channelId);
    }
  }

  private onStasisStart(event: AriEventJson): void {
    const channel = event.channel;
    if (!channel) return;
    if (isOwnChannelStart(event)) {
      const owner = this.legOwners.get(channel.id);
      if (owner) owner.handleDialLegEvent(event);
      else if (event.args?.[0] === DIAL_LEG_MARK) {
        // A leg whose dial already ended (or from a previous run of the runtime): nobody will ever bridge it.
        this.log.info(`hanging up orphan dial leg ${channel.id}`);
        this.rest.hangup(channel.id).catch(() => {});
      }
      return;
    }
    if (this.ports.has(channel.id)) return; // re-entered Stasis: still the same call
    if (this.listenerCount('incoming-call') === 0) {
      this.log.warn(`no flow runner is listening: hanging up incoming channel ${channel.id}`);
      this.rest.hangup(channel.id).catch(() => {});
      return;
    }
    this.emitSafely('incoming-call', this.portFor(channel, event.args ?? []));
  }

  /** A port for a channel in our app, routed from now on. */
  private portFor(channel: AriChannelJson, stasisArgs: readonly string[]): AriCallPort {
    const port: AriCallPort = new AriCallPort(channel, stasisArgs, {
      rest: this.rest,
      app: this.settings.app,
      media: this.options.media,
      claimDialLeg: (legId) => this.legOwners.set(legId, port),
      releaseDialLeg: (legId) => {
        if (this.legOwners.get(legId) === port) this.legOwners.delete(legId);
      },
      onEnded: () => this.forgetPort(port),
    });
    this.ports.set(port.id, port);
    return port;
  }

  private forgetPort(port: AriCallPort): void {
    if (this.ports.get(port.id) === port) this.ports.delete(port.id);
    for (const [legId, owner] of this.legOwners) if (owner === port) this.legOwners.delete(legId);
  }

  private restFacade(): AriRest {
    const current = (): AriRest => {
      if (!this.currentRest) throw new Error(`ARI is not connected (${this.status.state}: ${this.status.message})`);
      this.traffic.requests += 1;
      return this.currentRest;
    };
    return {
      answer: async (channelId) => current().answer(channelId),
      hangup: async (channelId, reason) => current().hangup(channelId, reason),
      play: async (channelId, media, playbackId) => current().play(channelId, media, playbackId),
      stopPlayback: async (playbackId) => current().stopPlayback(playbackId),
      startMoh: async (channelId, mohClass) => current().startMoh(channelId, mohClass),
      stopMoh: async (channelId) => current().stopMoh(channelId),
      deviceState: async (device) => current().deviceState(device),
      endpointChannels: async (tech) => current().endpointChannels(tech),
      originate: async (request) => current().originate(request),
      createMixingBridge: async (bridgeId) => current().createMixingBridge(bridgeId),
      addToBridge: async (bridgeId, channelIds) => current().addToBridge(bridgeId, channelIds),
      destroyBridge: async (bridgeId) => current().destroyBridge(bridgeId),
      listChannelIds: async () => current().listChannelIds(),
      listChannels: async () => current().listChannels(),
      channelState: async (channelId) => current().channelState(channelId),
      playbackExists: async (playbackId) => current().playbackExists(playbackId),
      recordChannel: async (channelId, request) => current().recordChannel(channelId, request),
      liveRecordingState: async (name) => current().liveRecordingState(name),
      storedRecordingFile: async (name) => current().storedRecordingFile(name),
      deleteStoredRecording: async (name) => current().deleteStoredRecording(name),
    };
  }

  private setStatus(state: AriConnectionState, message: string): void {
    if (this.status.state === state && this.status.message === message) return;
    this.status = { state, message, since: new Date() };
    if (state === 'connected') this.log.info(`ARI ${message}`);
    else if (state === 'auth-failed') this.log.warn(message);
    this.emitSafely('state', this.status);
  }

  /** A listener's exception must not break the connection loop or the event dispatch. */
  private emitSafely<K extends keyof AriConnectionEvents>(event: K, ...args: AriConnectionEvents[K]): void {
    try {
      (this.emit as (event: K, ...args: AriConnectionEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.log.warn(`a listener of "${event}" threw: ${String(error)}`);
    }
  }
}
