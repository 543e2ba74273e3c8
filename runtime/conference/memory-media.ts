import type { PromptMedia } from '../call-port.ts';
import type { BridgeRecording, ConferenceMedia, TalkListener } from './conference-media.ts';
import type { RecordedNameStore } from './conference-service.ts';

// ConferenceMedia without Asterisk, for unit tests and the simulator: bridges are sets of channel ids, music, mute
// and recordings are flags, announcements are logged. Tests read the state and make channels "talk".

export interface MemoryBridge {
  id: string;
  room: string;
  channels: Set<string>;
  music: boolean;
  /** Every announcement played to the bridge, in order. */
  played: PromptMedia[];
  recording: string | null;
}

export class MemoryConferenceMedia implements ConferenceMedia {
  readonly bridges = new Map<string, MemoryBridge>();
  readonly mutedChannels = new Set<string>();
  readonly channelsWithMusic = new Set<string>();
  readonly talkDetected = new Set<string>();
  /** Recordings saved, by target path. */
  readonly savedRecordings: { name: string; path: string }[] = [];
  /** Bridges destroyed so far (for "a room that empties is cleaned up"). */
  readonly destroyed: string[] = [];
  private readonly talkListeners = new Set<TalkListener>();
  private nextId = 1;

  async createBridge(room: string): Promise<string> {
    const id = `memory-conf-${room}-${this.nextId++}`;
    this.bridges.set(id, { id, room, channels: new Set(), music: false, played: [], recording: null });
    return id;
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    this.bridge(bridgeId);
    this.bridges.delete(bridgeId);
    this.destroyed.push(bridgeId);
  }

  async addChannel(bridgeId: string, channelId: string): Promise<void> {
    for (const bridge of this.bridges.values()) {
      if (bridge.channels.has(channelId)) throw new Error(`Channel ${channelId} is already in bridge ${bridge.id}`);
    }
    this.bridge(bridgeId).channels.add(channelId);
  }

  async removeChannel(bridgeId: string, channelId: string): Promise<void> {
    if (!this.bridge(bridgeId).channels.delete(channelId))
      throw new Error(`Channel ${channelId} is not in bridge ${bridgeId}`);
  }

  async setMuted(channelId: string, muted: boolean): Promise<void> {
    if (muted) this.mutedChannels.add(channelId);
    else this.mutedChannels.delete(channelId);
  }

  async startWaiting(_room: string, channelId: string): Promise<void> {
    this.channelsWithMusic.add(channelId);
  }

  async stopWaiting(_room: string, channelId: string): Promise<void> {
    this.channelsWithMusic.delete(channelId);
  }

  async startBridgeMusic(bridgeId: string): Promise<void> {
    this.bridge(bridgeId).music = true;
  }

  async stopBridgeMusic(bridgeId: string): Promise<void> {
    this.bridge(bridgeId).music = false;
  }

  async playOnBridge(bridgeId: string, media: PromptMedia): Promise<void> {
    this.bridge(bridgeId).played.push(media);
  }

  async startRecording(bridgeId: string, name: string): Promise<BridgeRecording> {
    const bridge = this.bridge(bridgeId);
    if (bridge.recording) throw new Error(`Bridge ${bridgeId} is already recording ${bridge.recording}`);
    bridge.recording = name;
    return {
      stop: async (path) => {
        bridge.recording = null;
        this.savedRecordings.push({ name, path });
      },
    };
  }

  async enableTalkDetection(channelId: string): Promise<void> {
    this.talkDetected.add(channelId);
  }

  onTalking(listener: TalkListener): () => void {
    this.talkListeners.add(listener);
    return () => this.talkListeners.delete(listener);
  }

  /** Test hook: the channel starts or stops talking (only channels with talk detection report it, like Asterisk). */
  talk(channelId: string, talking: boolean): void {
    if (!this.talkDetected.has(channelId)) return;
    for (const listener of this.talkListeners) listener(channelId, talking);
  }

  /** The bridge of a room, if it has one. */
  bridgeOfRoom(room: string): MemoryBridge | undefined {
    return [...this.bridges.values()].find((bridge) => bridge.room === room);
  }

  private bridge(bridgeId: string): MemoryBridge {
    const bridge = this.bridges.get(bridgeId);
    if (!bridge) throw new Error(`No bridge ${bridgeId}`);
    return bridge;
  }
}

/** Recorded names in memory: each saved name becomes a prompt media named after its order. */
export class MemoryNameStore implements RecordedNameStore {
  readonly saved: Uint8Array[] = [];

  async save(audio: Uint8Array): Promise<PromptMedia> {
    this.saved.push(audio);
    return { kind: 'prompt', hash: `name-${this.saved.length}`, text: `(nom enregistré ${this.saved.length})` };
  }
}
