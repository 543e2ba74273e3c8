import type { PromptMedia } from '../call-port.ts';

// What the room logic needs from the media layer: mixing bridges, channels in and out of them, mute, music on hold,
// announcements, recording and talk detection. The ARI implementation (runtime/ari/conference-media.ts) drives
// Asterisk bridges; the in-memory one (memory-media.ts) serves unit tests and the simulator. Channels are named by the
// CallPort id of the caller (the Asterisk channel id on ARI).

export type TalkListener = (channelId: string, talking: boolean) => void;

export interface BridgeRecording {
  /** Stops the recording and saves its audio to `targetPath`; resolves once the file is there. */
  stop(targetPath: string): Promise<void>;
}

export interface ConferenceMedia {
  /** Creates a mixing bridge for a room and returns its id. */
  createBridge(room: string): Promise<string>;
  destroyBridge(bridgeId: string): Promise<void>;
  /** A bridge a previous run of the runtime made, taken back for a room (its callers survived a restart). */
  adoptBridge?(bridgeId: string): void;
  addChannel(bridgeId: string, channelId: string): Promise<void>;
  removeChannel(bridgeId: string, channelId: string): Promise<void>;
  /** Mutes what the channel says (its audio no longer reaches the bridge); it still hears the room. */
  setMuted(channelId: string, muted: boolean): Promise<void>;
  /**
   * A participant waits for the moderator: they hear music on hold, not the others waiting. Called for a channel that
   * is in no bridge; stopWaiting is called before it is mixed, and when it leaves (even after a hangup).
   */
  startWaiting(room: string, channelId: string): Promise<void>;
  stopWaiting(room: string, channelId: string): Promise<void>;
  /** Music on hold to everyone in the bridge (the one member of a room alone). */
  startBridgeMusic(bridgeId: string): Promise<void>;
  stopBridgeMusic(bridgeId: string): Promise<void>;
  /** Plays to everyone in the bridge; resolves when it has played (or failed: announcements are best effort). */
  playOnBridge(bridgeId: string, media: PromptMedia): Promise<void>;
  startRecording(bridgeId: string, name: string): Promise<BridgeRecording>;
  /** Starts reporting when the channel starts and stops talking (to the listeners of onTalking). */
  enableTalkDetection(channelId: string): Promise<void>;
  onTalking(listener: TalkListener): () => void;
}
