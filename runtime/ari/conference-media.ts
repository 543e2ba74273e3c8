// ConferenceMedia on Asterisk: one ARI mixing bridge per live room (and a holding bridge with music for those waiting
// for the moderator), channel mute (direction in), music on hold on a bridge, announcements played to a bridge, bridge
// recordings downloaded into Switchboard's own storage, TALK_DETECT with ChannelTalkingStarted/Finished. Every bridge
// it creates carries a prefix naming the Stasis app, so after a (re)connect the bridges a previous run left behind
// can be found and destroyed together with the callers stuck in them. See docs/decisions/008-conference-on-ari-bridges.md.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PromptMedia } from '#runtime/call-port.ts';
import type { BridgeRecording, ConferenceMedia, TalkListener } from '#runtime/conference/conference-media.ts';
import { sleep } from './abort.ts';
import type { AriEventJson } from './ari-events.ts';
import { errorMessage, isNotFoundError } from './ari-rest.ts';
import * as ari from './bridge-rest.ts';
import type { AriConnection, AriLog } from './connection.ts';
import { mediaUri, type MediaLocations } from './media-uri.ts';

/** Music-on-hold class of musiconhold.conf. */
const MOH_CLASS = 'default';
/** An announcement that has not finished after this long is given up (the bridge may have gone meanwhile). */
const PLAYBACK_LIMIT_MS = 60_000;
/** How long a stopped recording may take to appear in Asterisk's stored recordings. */
const RECORDING_SAVE_LIMIT_MS = 10_000;

export interface AriConferenceMediaOptions {
  media: MediaLocations;
  log: AriLog;
}

/** Bridge ids of conference rooms start with this, per Stasis app: `conf-<app>-<room>-<random>`. */
export function conferenceBridgePrefix(app: string): string {
  return `conf-${app}-`;
}

/** Holding bridges where a room's participants wait for the moderator: `confwait-<app>-<room>-<random>`. */
export function waitingBridgePrefix(app: string): string {
  return `confwait-${app}-`;
}

export class AriConferenceMedia implements ConferenceMedia {
  private readonly talkListeners = new Set<TalkListener>();
  private readonly playbacks = new Map<string, () => void>();
  /** Bridges this process created and has not destroyed: never orphans, even while their room is being set up. */
  private readonly ownBridges = new Set<string>();
  private readonly prefix: string;
  private readonly waitPrefix: string;
  /** Per room: the holding bridge of its waiting participants (being created or created) and who is in it. */
  private readonly waitingRooms = new Map<string, { bridgeId: Promise<string>; channels: Set<string> }>();
  private readonly onEvent = (event: AriEventJson) => this.handleEvent(event);

  constructor(
    private readonly connection: AriConnection,
    private readonly options: AriConferenceMediaOptions,
  ) {
    this.prefix = conferenceBridgePrefix(connection.settings.app);
    this.waitPrefix = waitingBridgePrefix(connection.settings.app);
    connection.on('ari-event', this.onEvent);
  }

  dispose(): void {
    this.connection.off('ari-event', this.onEvent);
    for (const settle of this.playbacks.values()) settle();
    this.playbacks.clear();
  }

  async createBridge(room: string): Promise<string> {
    const bridgeId = `${this.prefix}${room}-${randomUUID().slice(0, 8)}`;
    this.ownBridges.add(bridgeId);
    try {
      await ari.createBridge(this.client(), { type: 'mixing', bridgeId, name: `${this.prefix}${room}` });
    } catch (error) {
      this.ownBridges.delete(bridgeId);
      throw new Error(`Could not create the bridge of conference ${room}: ${errorMessage(error)}`);
    }
    return bridgeId;
  }

  adoptBridge(bridgeId: string): void {
    this.ownBridges.add(bridgeId);
  }

  /** The conference bridges (mixing and holding) of this Stasis app that Asterisk has, with their channels. */
  async listBridges(): Promise<{ id: string; channels: string[] }[]> {
    return (await ari.listBridges(this.client()))
      .filter((bridge) => bridge.id.startsWith(this.prefix) || bridge.id.startsWith(this.waitPrefix))
      .map((bridge) => ({ id: bridge.id, channels: [...bridge.channels] }));
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    try {
      await ari.destroyBridge(this.client(), bridgeId);
    } catch (error) {
      if (!isNotFoundError(error)) throw error;
    } finally {
      this.ownBridges.delete(bridgeId);
    }
  }

  async addChannel(bridgeId: string, channelId: string): Promise<void> {
    await ari.addToBridge(this.client(), bridgeId, channelId);
  }

  async removeChannel(bridgeId: string, channelId: string): Promise<void> {
    try {
      await ari.removeFromBridge(this.client(), bridgeId, channelId);
    } catch (error) {
      // Gone already (hung up) or no longer in the bridge: the goal is reached.
      if (!isNotFoundError(error) && !/not in bridge/i.test(errorMessage(error))) throw error;
    }
  }

  async setMuted(channelId: string, muted: boolean): Promise<void> {
    await ari.setChannelMuted(this.client(), channelId, muted);
  }

  /**
   * Waiting participants sit in a holding bridge playing music on hold: they hear the music, not each other, and
   * being in a bridge with the app's prefix, a crash of Switchboard leaves them where the next run's clean-up finds them.
   */
  async startWaiting(room: string, channelId: string): Promise<void> {
    let place = this.waitingRooms.get(room);
    if (!place) {
      place = { bridgeId: this.createWaitingBridge(room), channels: new Set() };
      this.waitingRooms.set(room, place);
    }
    place.channels.add(channelId);
    await ari.addToBridge(this.client(), await place.bridgeId, channelId);
  }

  async stopWaiting(room: string, channelId: string): Promise<void> {
    const place = this.waitingRooms.get(room);
    if (!place || !place.channels.delete(channelId)) return;
    const bridgeId = await place.bridgeId;
    try {
      await this.removeChannel(bridgeId, channelId);
    } finally {
      if (place.channels.size === 0 && this.waitingRooms.get(room) === place) {
        this.waitingRooms.delete(room);
        await this.destroyBridge(bridgeId);
      }
    }
  }

  private async createWaitingBridge(room: string): Promise<string> {
    const bridgeId = `${this.waitPrefix}${room}-${randomUUID().slice(0, 8)}`;
    this.ownBridges.add(bridgeId);
    try {
      const client = this.client();
      await ari.createBridge(client, { type: 'holding', bridgeId, name: `${this.waitPrefix}${room}` });
      await ari.startBridgeMoh(client, bridgeId, MOH_CLASS);
    } catch (error) {
      this.ownBridges.delete(bridgeId);
      this.waitingRooms.delete(room);
      throw new Error(`Could not create the waiting bridge of conference ${room}: ${errorMessage(error)}`);
    }
    return bridgeId;
  }

  async startBridgeMusic(bridgeId: string): Promise<void> {
    await ari.startBridgeMoh(this.client(), bridgeId, MOH_CLASS);
  }

  async stopBridgeMusic(bridgeId: string): Promise<void> {
    await ari.stopBridgeMoh(this.client(), bridgeId);
  }

  async playOnBridge(bridgeId: string, media: PromptMedia): Promise<void> {
    const playbackId = `conf-play-${randomUUID()}`;
    const finished = new Promise<void>((resolve) => {
      const timer = setTimeout(() => settle(), PLAYBACK_LIMIT_MS);
      const settle = () => {
        clearTimeout(timer);
        this.playbacks.delete(playbackId);
        resolve();
      };
      this.playbacks.set(playbackId, settle);
    });
    try {
      await ari.playOnBridge(this.client(), bridgeId, { media: mediaUri(media, this.options.media), playbackId });
    } catch (error) {
      this.playbacks.get(playbackId)?.();
      throw error;
    }
    await finished;
  }

  async startRecording(bridgeId: string, name: string): Promise<BridgeRecording> {
    const recordingName = `${this.prefix}${name}`;
    await ari.recordBridge(this.client(), bridgeId, {
      name: recordingName,
      format: 'wav',
      ifExists: 'overwrite',
      maxDurationSeconds: 0,
    });
    return { stop: (targetPath) => this.saveRecording(recordingName, targetPath) };
  }

  async enableTalkDetection(channelId: string): Promise<void> {
    await ari.setChannelVariable(this.client(), channelId, 'TALK_DETECT(set)', '');
  }

  onTalking(listener: TalkListener): () => void {
    this.talkListeners.add(listener);
    return () => this.talkListeners.delete(listener);
  }

  /**
   * Destroys the conference bridges of this Stasis app that no room of this process uses (left by a previous run),
   * hanging up the channels still in them (their calls have no session anymore) except those in `spare`: calls the
   * runtime is taking back, which leave the bridge alive. Returns how many bridges went.
   */
  async removeOrphanBridges(
    liveBridgeIds: ReadonlySet<string>,
    spare: ReadonlySet<string> = new Set(),
  ): Promise<number> {
    const client = this.client();
    const orphans = (await ari.listBridges(client)).filter(
      (bridge) =>
        (bridge.id.startsWith(this.prefix) || bridge.id.startsWith(this.waitPrefix)) &&
        !liveBridgeIds.has(bridge.id) &&
        !this.ownBridges.has(bridge.id),
    );
    for (const bridge of orphans) {
      for (const channelId of bridge.channels) {
        if (spare.has(channelId)) continue;
        await ari.hangupChannel(client, channelId).catch((error: unknown) => {
          if (!isNotFoundError(error))
            this.options.log.warn(
              `Could not hang up ${channelId} in orphan bridge ${bridge.id}: ${errorMessage(error)}`,
            );
        });
      }
      await ari.destroyBridge(client, bridge.id).catch((error: unknown) => {
        if (!isNotFoundError(error))
          this.options.log.warn(`Could not destroy orphan bridge ${bridge.id}: ${errorMessage(error)}`);
      });
    }
    if (orphans.length > 0)
      this.options.log.info(
        `Destroyed ${orphans.length} orphan conference bridge(s): ${orphans.map((b) => b.id).join(', ')}`,
      );
    return orphans.length;
  }

  private async saveRecording(recordingName: string, targetPath: string): Promise<void> {
    const rest = this.connection.rest;
    try {
      await ari.stopLiveRecording(this.client(), recordingName);
    } catch (error) {
      // Already over: the bridge went, or Asterisk stopped it. Its file is what we want either way.
      if (!isNotFoundError(error)) throw error;
    }
    const deadline = Date.now() + RECORDING_SAVE_LIMIT_MS;
    // The stored file exists from the recording's first moment: fetched before Asterisk has closed it (a busy
    // machine), it may hold none of the sound yet. Wait until the live recording is over.
    while (Date.now() < deadline) {
      const state = await rest.liveRecordingState(recordingName).catch(() => undefined);
      if (state === undefined || state === 'done' || state === 'failed' || state === 'canceled') break;
      await sleep(100, []);
    }
    let audio = await rest.storedRecordingFile(recordingName);
    while (!audio && Date.now() < deadline) {
      await sleep(100, []);
      audio = await rest.storedRecordingFile(recordingName);
    }
    if (!audio) throw new Error(`Asterisk has no stored recording ${recordingName}`);
    await mkdir(path.dirname(targetPath), { recursive: true });
    await writeFile(targetPath, audio);
    await rest
      .deleteStoredRecording(recordingName)
      .catch((error: unknown) =>
        this.options.log.warn(`Could not delete Asterisk's copy of ${recordingName}: ${errorMessage(error)}`),
      );
  }

  private handleEvent(event: AriEventJson): void {
    switch (event.type) {
      case 'ChannelTalkingStarted':
      case 'ChannelTalkingFinished': {
        const channelId = event.channel?.id;
        if (!channelId) return;
        for (const listener of this.talkListeners) listener(channelId, event.type === 'ChannelTalkingStarted');
        return;
      }
      case 'PlaybackFinished': {
        const id = event.playback?.id;
        if (id) this.playbacks.get(id)?.();
        return;
      }
    }
  }

  private client() {
    return this.connection.currentClient();
  }
}
