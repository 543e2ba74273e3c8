// The REST operations a call needs, as a narrow interface. AriCallPort talks to this, never to HTTP, so it can be
// tested with a fake and keeps working across reconnects: the connection hands ports a view that fails fast while
// disconnected and otherwise uses the connection's one AriHttpClient.
import type { AriChannelJson } from './ari-events.ts';
import { AriHttpError, type AriHttpClient } from './ari-http-client.ts';

export interface OriginateRequest {
  endpoint: string;
  /** Channel id chosen by us, so events for the leg can be matched before originate even returns. */
  channelId: string;
  appArgs: string;
  timeoutSeconds: number;
  callerId?: string;
}

export interface ChannelRecordingRequest {
  /** The stored recording's name (unique: Asterisk refuses to overwrite). */
  name: string;
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  beep: boolean;
  /** DTMF key that stops the recording, or "none". */
  terminateOn: string;
}

export interface AriRest {
  answer(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: 'normal' | 'busy' | 'congestion' | 'no_answer'): Promise<void>;
  play(channelId: string, mediaUri: string, playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  startMoh(channelId: string, mohClass: string): Promise<void>;
  stopMoh(channelId: string): Promise<void>;
  /** Asterisk's state of a device such as PJSIP/alice: NOT_INUSE, INUSE, BUSY, RINGING, UNAVAILABLE... */
  deviceState(device: string): Promise<string>;
  /** The channels of every endpoint of a technology (GET /endpoints/{tech}): resource -> channel ids. */
  endpointChannels(tech: string): Promise<Map<string, string[]>>;
  originate(request: OriginateRequest): Promise<void>;
  createMixingBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  listChannelIds(): Promise<string[]>;
  /** Every channel Asterisk has, with the dialplan application it is in. */
  listChannels(): Promise<AriChannelJson[]>;
  /** The channel's state ("Up", "Ring"...), or undefined when Asterisk no longer has it. */
  channelState(channelId: string): Promise<string | undefined>;
  playbackExists(playbackId: string): Promise<boolean>;
  /** Starts recording a channel as WAV (8 kHz 16-bit mono); RecordingFinished/RecordingFailed tell the end. */
  recordChannel(channelId: string, request: ChannelRecordingRequest): Promise<void>;
  /** The live recording's state ("recording", "done"...), or undefined once Asterisk no longer has it live. */
  liveRecordingState(name: string): Promise<string | undefined>;
  /** The stored recording's WAV file, or null when there is none. */
  storedRecordingFile(name: string): Promise<Uint8Array | null>;
  deleteStoredRecording(name: string): Promise<void>;
}

/** Asterisk no longer has the thing (404), or the channel has left our app: either way, nothing left to act on. */
export function isNotFoundError(error: unknown): boolean {
  if (error instanceof AriHttpError && error.status === 404) return true;
  return error instanceof Error && /not found|Channel not in Stasis application/i.test(error.message);
}

/** ARI's own message ("Channel not found") for readable call events. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const segment = encodeURIComponent;

/** AriRest over the connection's HTTP client; every parameter goes in the query string, as ARI reads it. */
export function restOverHttp(http: AriHttpClient, app: string): AriRest {
  const channelPath = (channelId: string) => `/channels/${segment(channelId)}`;
  return {
    async answer(channelId) {
      await http.request('POST', `${channelPath(channelId)}/answer`);
    },
    async hangup(channelId, reason = 'normal') {
      await http.request('DELETE', channelPath(channelId), { query: { reason } });
    },
    async play(channelId, media, playbackId) {
      await http.request('POST', `${channelPath(channelId)}/play`, { query: { media, playbackId } });
    },
    async stopPlayback(playbackId) {
      await http.request('DELETE', `/playbacks/${segment(playbackId)}`);
    },
    async startMoh(channelId, mohClass) {
      await http.request('POST', `${channelPath(channelId)}/moh`, { query: { mohClass } });
    },
    async stopMoh(channelId) {
      await http.request('DELETE', `${channelPath(channelId)}/moh`);
    },
    async endpointChannels(tech) {
      const endpoints = await http.request<{ resource: string; channel_ids?: string[] }[]>(
        'GET',
        `/endpoints/${segment(tech)}`,
      );
      return new Map(endpoints.map((endpoint) => [endpoint.resource, endpoint.channel_ids ?? []]));
    },
    async deviceState(device) {
      return (await http.request<{ state: string }>('GET', `/deviceStates/${segment(device)}`)).state;
    },
    async originate({ endpoint, channelId, appArgs, timeoutSeconds, callerId }) {
      await http.request('POST', '/channels', {
        query: { endpoint, app, appArgs, channelId, timeout: timeoutSeconds, callerId: callerId || undefined },
      });
    },
    async createMixingBridge(bridgeId) {
      await http.request('POST', '/bridges', { query: { type: 'mixing', bridgeId } });
    },
    async addToBridge(bridgeId, channelIds) {
      await http.request('POST', `/bridges/${segment(bridgeId)}/addChannel`, { query: { channel: channelIds } });
    },
    async destroyBridge(bridgeId) {
      await http.request('DELETE', `/bridges/${segment(bridgeId)}`);
    },
    async listChannelIds() {
      return (await http.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id);
    },
    async listChannels() {
      const channels = await http.request<AriChannelJson[]>('GET', '/channels');
      return channels.map((channel) => ({
        id: channel.id,
        ...(channel.name !== undefined ? { name: channel.name } : {}),
        ...(channel.state !== undefined ? { state: channel.state } : {}),
        ...(channel.caller !== undefined ? { caller: channel.caller } : {}),
        ...(channel.dialplan !== undefined ? { dialplan: channel.dialplan } : {}),
      }));
    },
    async channelState(channelId) {
      try {
        return (await http.request<AriChannelJson>('GET', channelPath(channelId))).state;
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
    },
    async playbackExists(playbackId) {
      try {
        await http.request('GET', `/playbacks/${segment(playbackId)}`);
        return true;
      } catch (error) {
        if (isNotFoundError(error)) return false;
        throw error;
      }
    },
    async recordChannel(channelId, request) {
      await http.request('POST', `${channelPath(channelId)}/record`, {
        query: {
          name: request.name,
          format: 'wav',
          maxDurationSeconds: request.maxDurationSeconds,
          maxSilenceSeconds: request.maxSilenceSeconds,
          beep: request.beep,
          terminateOn: request.terminateOn,
          ifExists: 'fail',
        },
      });
    },
    async liveRecordingState(name) {
      try {
        return (await http.request<{ state?: string }>('GET', `/recordings/live/${segment(name)}`)).state;
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
    },
    storedRecordingFile: (name) => http.getBinary(`/recordings/stored/${segment(name)}/file`),
    async deleteStoredRecording(name) {
      try {
        await http.request('DELETE', `/recordings/stored/${segment(name)}`);
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
      }
    },
  };
}
