// What a caller hears or says, measured: records a channel through ARI (the test's own REST client), downloads the
// WAV Asterisk stored and computes its loudness. Used by the conference end-to-end tests to prove music, mute and
// recordings by their sound rather than by the runtime's own account.
import type { AriSettings } from '#runtime/ari/settings.ts';
import { AriProbeClient, waitUntil } from '#runtime/ari/testing/asterisk.ts';

/** RMS of 16-bit PCM samples in dBFS (-Infinity for digital silence). */
export function wavRmsDbfs(wav: Uint8Array, skipMs = 0): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let offset = 12;
  let skipBytes = 0;
  while (offset + 8 <= wav.byteLength) {
    const id = String.fromCharCode(wav[offset]!, wav[offset + 1]!, wav[offset + 2]!, wav[offset + 3]!);
    const size = view.getUint32(offset + 4, true);
    // fmt: bytes per second at +16 of the chunk body, so skipMs becomes a byte count (whole 16-bit samples).
    if (id === 'fmt ') skipBytes = Math.floor((view.getUint32(offset + 16, true) * skipMs) / 1000 / 2) * 2;
    if (id === 'data') {
      const end = Math.min(offset + 8 + size, wav.byteLength);
      let sum = 0;
      let count = 0;
      for (let at = offset + 8 + skipBytes; at + 1 < end; at += 2) {
        const sample = view.getInt16(at, true) / 32768;
        sum += sample * sample;
        count += 1;
      }
      return count === 0 ? -Infinity : 10 * Math.log10(sum / count);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('not a WAV file: no data chunk');
}

export class AudioProbe {
  private readonly probe: AriProbeClient;
  private count = 0;

  constructor(private readonly settings: AriSettings) {
    this.probe = new AriProbeClient(settings);
  }

  /** Records what the channel receives for `seconds` (on a caller's half: what the caller hears) and returns its WAV. */
  async record(channelId: string, seconds: number): Promise<Uint8Array> {
    this.count += 1;
    const name = `probe-${process.pid}-${Date.now()}-${this.count}`;
    const query = new URLSearchParams({
      name,
      format: 'wav',
      maxDurationSeconds: String(seconds),
      ifExists: 'overwrite',
    });
    await this.probe.request('POST', `/channels/${encodeURIComponent(channelId)}/record?${query}`);
    let wav: Uint8Array | null = null;
    await waitUntil(
      async () => {
        // Until it is over: "queued" (not started yet, long on a busy machine) counts as much as "recording". The
        // stored file exists from the first moment, so fetching it earlier gave an empty WAV (-Infinity dBFS).
        const live = await this.probe.request<{ state: string }>('GET', `/recordings/live/${name}`).catch(() => null);
        if (live && !['done', 'failed', 'canceled'].includes(live.state)) return false;
        wav = await this.storedFile(name);
        return wav !== null;
      },
      (seconds + 10) * 1000,
      `recording ${name} of ${channelId} stored`,
    );
    await this.probe.request('DELETE', `/recordings/stored/${name}`).catch(() => {});
    return wav!;
  }

  async storedFile(name: string): Promise<Uint8Array | null> {
    const auth = Buffer.from(`${this.settings.username}:${this.settings.password}`).toString('base64');
    const response = await fetch(`${this.settings.url}/ari/recordings/stored/${encodeURIComponent(name)}/file`, {
      headers: { Authorization: `Basic ${auth}` },
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`GET stored recording ${name}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Starts playing `media` to the channel (on a caller's half: the caller speaks it); returns the playback id. */
  async play(channelId: string, media: string): Promise<string> {
    this.count += 1;
    const playbackId = `probe-play-${process.pid}-${this.count}`;
    await this.probe.request(
      'POST',
      `/channels/${encodeURIComponent(channelId)}/play?${new URLSearchParams({ media, playbackId })}`,
    );
    return playbackId;
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.probe.request('DELETE', `/playbacks/${playbackId}`).catch(() => {});
  }
}
