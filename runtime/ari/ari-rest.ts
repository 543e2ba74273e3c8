// The REST operations a call needs, as a narrow interface. AriCallPort talks to this, never to ari-client, so it can
// be tested with a fake and survives the client being replaced after a reconnect: the connection hands ports a view
// that always uses whichever client is current.
import type { Client } from 'ari-client';
import http from 'node:http';
import type { AriChannelJson } from './ari-events.ts';
import https from 'node:https';

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

/** Asterisk's HTTP server, for what ari-client cannot do well (binary downloads). */
export interface AriHttpTarget {
  url: string;
  authorization: string;
  agent: http.Agent;
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

/** GET of a binary resource under /ari with the connection's agent and credentials; null on 404. */
function getBinary(target: AriHttpTarget, path: string): Promise<Uint8Array | null> {
  const url = new URL(`/ari${path}`, target.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.get(
      url,
      { agent: target.agent, headers: { authorization: target.authorization } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          if (response.statusCode === 404) resolve(null);
          else if (response.statusCode !== 200)
            reject(new Error(`GET ${url.pathname} answered ${response.statusCode}: ${body.toString('utf8', 0, 200)}`));
          else resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
        });
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error(`GET ${url.pathname} timed out`)));
    request.on('error', reject);
  });
}

/** AriRest over one ari-client Client (created per connection attempt by AriConnection). */
export function restOverClient(client: Client, app: string, httpTarget: AriHttpTarget): AriRest {
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
    async startMoh(channelId, mohClass) {
      await client.channels.startMoh({ channelId, mohClass });
    },
    async stopMoh(channelId) {
      await client.channels.stopMoh({ channelId });
    },
    async endpointChannels(tech) {
      const endpoints = (await client.endpoints.listByTech({ tech })) as unknown as {
        resource: string;
        channel_ids?: string[];
      }[];
      return new Map(endpoints.map((endpoint) => [endpoint.resource, endpoint.channel_ids ?? []]));
    },
    async deviceState(device) {
      const state = await client.deviceStates.get({ deviceName: device });
      return state.state;
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
    async listChannels() {
      // ari-client's Channel objects carry the JSON fields as they are, dialplan.app_name/app_data included.
      const channels = (await client.channels.list()) as unknown as AriChannelJson[];
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
    async recordChannel(channelId, request) {
      await client.channels.record({
        channelId,
        name: request.name,
        format: 'wav',
        maxDurationSeconds: request.maxDurationSeconds,
        maxSilenceSeconds: request.maxSilenceSeconds,
        beep: request.beep,
        terminateOn: request.terminateOn,
        ifExists: 'fail',
      });
    },
    async liveRecordingState(name) {
      try {
        return (await client.recordings.getLive({ recordingName: name })).state;
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
    },
    storedRecordingFile: (name) => getBinary(httpTarget, `/recordings/stored/${encodeURIComponent(name)}/file`),
    async deleteStoredRecording(name) {
      try {
        await client.recordings.deleteStored({ recordingName: name });
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
      }
    },
  };
}
