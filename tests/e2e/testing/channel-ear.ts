// What a phone that is not in any Stasis app hears or says, measured on Asterisk's side: the test registers its own
// ARI application (a WebSocket of its own, apart from the runtime's), puts a snoop channel on the phone's channel
// into it, and records the snoop. Used where the phone is a sipp process, which cannot measure sound itself.
import WebSocket from 'ws';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { AriProbeClient } from '#runtime/ari/testing/asterisk.ts';
import { AudioProbe, wavRmsDbfs } from './audio-probe.ts';

let snoops = 0;

export class ChannelEar {
  private constructor(
    private readonly settings: AriSettings,
    private readonly app: string,
    private readonly socket: WebSocket,
  ) {}

  /** Registers the application `app` (a name of the test's own) with Asterisk. */
  static async open(settings: AriSettings, app: string): Promise<ChannelEar> {
    const url = new URL(`${settings.url.replace(/^http/, 'ws')}/ari/events`);
    url.searchParams.set('app', app);
    url.searchParams.set('api_key', `${settings.username}:${settings.password}`);
    const socket = new WebSocket(url.toString());
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new ChannelEar(settings, app, socket);
  }

  /**
   * Loudness (dBFS) over `seconds` of what `channelId` receives from Asterisk (`out`: what the phone hears) or sends
   * to it (`in`: what the phone says).
   */
  async loudness(channelId: string, direction: 'in' | 'out', seconds: number): Promise<number> {
    const probe = new AriProbeClient(this.settings);
    snoops += 1;
    const snoopId = `ear-${process.pid}-${Date.now()}-${snoops}`;
    const query = new URLSearchParams({ spy: direction, whisper: 'none', app: this.app, snoopId });
    // A snoop channel can be recorded only once it is in the application (409 "not in Stasis" before).
    const inApp = this.stasisStartOf(snoopId);
    await probe.request('POST', `/channels/${encodeURIComponent(channelId)}/snoop?${query}`);
    await inApp;
    try {
      const wav = await new AudioProbe(this.settings).record(snoopId, seconds);
      return wavRmsDbfs(wav);
    } finally {
      await probe.hangup(snoopId).catch(() => {});
    }
  }

  /** Resolves when `channelId` enters this application (StasisStart on the WebSocket); fails after 10 s. */
  private stasisStartOf(channelId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off('message', onMessage);
        reject(new Error(`snoop channel ${channelId} never entered the application ${this.app}`));
      }, 10_000);
      const onMessage = (data: WebSocket.RawData) => {
        const event = JSON.parse(data.toString()) as { type?: string; channel?: { id?: string } };
        if (event.type !== 'StasisStart' || event.channel?.id !== channelId) return;
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        resolve();
      };
      this.socket.on('message', onMessage);
    });
  }

  close(): void {
    this.socket.close();
  }
}
