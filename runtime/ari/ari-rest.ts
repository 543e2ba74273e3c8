// The REST operations a call needs, as a narrow interface. AriCallPort talks to this, never to ari-client, so it can
// be tested with a fake and survives the client being replaced after a reconnect: the connection hands ports a view
// that always uses whichever client is current.
import type { Client } from 'ari-client';

export interface OriginateRequest {
  endpoint: string;
  /** Channel id chosen by us, so events for the leg can be matched before originate even returns. */
  channelId: string;
  appArgs: string;
  timeoutSeconds: number;
  callerId?: string;
}

export interface AriRest {
  answer(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: 'normal' | 'busy' | 'congestion' | 'no_answer'): Promise<void>;
  play(channelId: string, mediaUri: string, playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  originate(request: OriginateRequest): Promise<void>;
  createMixingBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  listChannelIds(): Promise<string[]>;
  /** The channel's state ("Up", "Ring"...), or undefined when Asterisk no longer has it. */
  channelState(channelId: string): Promise<string | undefined>;
  playbackExists(playbackId: string): Promise<boolean>;
}

/** ari-client turns an HTTP error into Error(<response body>), e.g. '{"message":"Channel not found"}'. */
export function isNotFoundError(error: unknown): boolean {
  return error instanceof Error && /not found|"Channel not in Stasis application"/i.test(error.message);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // Unwrap ari-client's JSON bodies into their message for readable call events.
    try {
      const body = JSON.parse(error.message) as { message?: unknown; error?: unknown };
      const text = body.message ?? body.error;
      if (typeof text === 'string') return text;
    } catch {
      // not JSON: fall through
    }
    return error.message;
  }
  return String(error);
}

/** AriRest over one ari-client Client (created per connection attempt by AriConnection). */
export function restOverClient(client: Client, app: string): AriRest {
  return {
    async answer(channelId) {
      await client.channels.answer({ channelId });
    },
    async hangup(channelId, reason = 'normal') {
      await client.channels.hangup({ channelId, reason });
    },
    async play(channelId, media, playbackId) {
      await client.channels.play({ channelId, media, playbackId });
    },
    async stopPlayback(playbackId) {
      await client.playbacks.stop({ playbackId });
    },
    async originate({ endpoint, channelId, appArgs, timeoutSeconds, callerId }) {
      await client.channels.originate({
        endpoint,
        app,
        appArgs,
        channelId,
        timeout: timeoutSeconds,
        ...(callerId ? { callerId } : {}),
      });
    },
    async createMixingBridge(bridgeId) {
      await client.bridges.create({ type: 'mixing', bridgeId });
    },
    async addToBridge(bridgeId, channelIds) {
      await client.bridges.addChannel({ bridgeId, channel: channelIds });
    },
    async destroyBridge(bridgeId) {
      await client.bridges.destroy({ bridgeId });
    },
    async listChannelIds() {
      const channels = await client.channels.list();
      return channels.map((channel) => channel.id);
    },
    async channelState(channelId) {
      try {
        return (await client.channels.get({ channelId })).state;
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
    },
    async playbackExists(playbackId) {
      try {
        await client.playbacks.get({ playbackId });
        return true;
      } catch (error) {
        if (isNotFoundError(error)) return false;
        throw error;
      }
    },
  };
}
