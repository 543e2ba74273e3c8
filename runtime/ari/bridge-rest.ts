// The ARI operations on bridges (and the few channel ones) that conference rooms need, typed, over the connection's
// AriHttpClient. Parameters go in the query string, as ARI reads them.
import type { AriHttpClient } from './ari-http-client.ts';

export interface AriBridgeJson {
  id: string;
  channels: string[];
}

const bridge = (bridgeId: string) => `/bridges/${encodeURIComponent(bridgeId)}`;
const channel = (channelId: string) => `/channels/${encodeURIComponent(channelId)}`;

export function createBridge(
  client: AriHttpClient,
  request: { type: 'mixing' | 'holding'; bridgeId: string; name: string },
): Promise<unknown> {
  return client.request('POST', '/bridges', { query: request });
}

export function listBridges(client: AriHttpClient): Promise<AriBridgeJson[]> {
  return client.request<AriBridgeJson[]>('GET', '/bridges');
}

export function destroyBridge(client: AriHttpClient, bridgeId: string): Promise<unknown> {
  return client.request('DELETE', bridge(bridgeId));
}

export function addToBridge(client: AriHttpClient, bridgeId: string, channelId: string): Promise<unknown> {
  return client.request('POST', `${bridge(bridgeId)}/addChannel`, { query: { channel: channelId } });
}

export function removeFromBridge(client: AriHttpClient, bridgeId: string, channelId: string): Promise<unknown> {
  return client.request('POST', `${bridge(bridgeId)}/removeChannel`, { query: { channel: channelId } });
}

export function startBridgeMoh(client: AriHttpClient, bridgeId: string, mohClass: string): Promise<unknown> {
  return client.request('POST', `${bridge(bridgeId)}/moh`, { query: { mohClass } });
}

export function stopBridgeMoh(client: AriHttpClient, bridgeId: string): Promise<unknown> {
  return client.request('DELETE', `${bridge(bridgeId)}/moh`);
}

export function playOnBridge(
  client: AriHttpClient,
  bridgeId: string,
  request: { media: string; playbackId: string },
): Promise<unknown> {
  return client.request('POST', `${bridge(bridgeId)}/play`, { query: request });
}

export function recordBridge(
  client: AriHttpClient,
  bridgeId: string,
  request: { name: string; format: string; ifExists: 'fail' | 'overwrite' | 'append'; maxDurationSeconds: number },
): Promise<unknown> {
  return client.request('POST', `${bridge(bridgeId)}/record`, { query: request });
}

export function stopLiveRecording(client: AriHttpClient, recordingName: string): Promise<unknown> {
  return client.request('POST', `/recordings/live/${encodeURIComponent(recordingName)}/stop`);
}

/** Mutes (or unmutes) what the channel says: direction "in" is the audio coming from the caller. */
export function setChannelMuted(client: AriHttpClient, channelId: string, muted: boolean): Promise<unknown> {
  return client.request(muted ? 'POST' : 'DELETE', `${channel(channelId)}/mute`, { query: { direction: 'in' } });
}

export function setChannelVariable(
  client: AriHttpClient,
  channelId: string,
  variable: string,
  value: string,
): Promise<unknown> {
  return client.request('POST', `${channel(channelId)}/variable`, { query: { variable, value } });
}

export function hangupChannel(client: AriHttpClient, channelId: string): Promise<unknown> {
  return client.request('DELETE', channel(channelId));
}
