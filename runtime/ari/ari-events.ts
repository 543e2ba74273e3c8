// The parts of ARI's WebSocket events the adapter reads (raw JSON as Asterisk sends it; see the ARI "Events" REST
// API docs). Typed narrowly on purpose: only fields read here are declared, every one optional where Asterisk may omit
// it, so a surprise in the feed degrades to "ignored" instead of a crash.

export interface AriChannelJson {
  id: string;
  name?: string;
  state?: string; // Down, Rsrved, OffHook, Dialing, Ring, Ringing, Up, Busy, ...
  caller?: { name?: string; number?: string };
  /** app_name/app_data: the dialplan application the channel is in, e.g. Stasis with "switchboard,6003". */
  dialplan?: { context?: string; exten?: string; priority?: number; app_name?: string; app_data?: string };
}

export interface AriEventJson {
  type: string;
  application?: string;
  timestamp?: string;
  channel?: AriChannelJson;
  args?: string[];
  cause?: number;
  cause_txt?: string;
  /** ChannelHangupRequest: a soft hang-up (requested by Asterisk itself); `cause` is then a soft-hangup flag. */
  soft?: boolean;
  digit?: string;
  playback?: { id: string; state?: string; target_uri?: string; media_uri?: string };
  /** Recording events (RecordingStarted/Finished/Failed); `cause` explains a failure. */
  recording?: { name: string; state?: string; target_uri?: string; duration?: number; cause?: string };
  bridge?: { id: string };
}

/** StasisStart argument that marks a channel we originated ourselves as the far leg of a dial. */
export const DIAL_LEG_MARK = 'dial-leg';
/**
 * The id of a dial leg originated for `app`: `dial-<uuid>-<app>`. A leg still ringing is not in the Stasis app yet
 * (Asterisk shows it in AppDial2, without our arguments): its id is how a restarted runtime recognises one a previous
 * run of the same app left ringing, and leaves alone those of other apps on the same Asterisk.
 */
export function dialLegId(app: string, uuid: string): string {
  return `dial-${uuid}-${app}`;
}

export function isDialLegOf(channelId: string, app: string): boolean {
  const match = /^dial-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(.+)$/.exec(channelId);
  return match?.[1] === app;
}
/** StasisStart argument for any other channel the adapter creates for its own purposes (snoop, announcer...). */
export const HELPER_CHANNEL_MARK = 'helper';

export function isOwnChannelStart(event: AriEventJson): boolean {
  const first = event.args?.[0];
  return first === DIAL_LEG_MARK || first === HELPER_CHANNEL_MARK;
}

/** "channel:1764.12" -> "1764.12"; undefined for bridge or other targets. */
export function channelIdOfPlaybackTarget(targetUri: string | undefined): string | undefined {
  if (!targetUri?.startsWith('channel:')) return undefined;
  return targetUri.slice('channel:'.length);
}

export function isAriEvent(value: unknown): value is AriEventJson {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The Stasis arguments of a channel that is in `app` now (from GET /channels), or undefined when it is not. */
export function stasisArgsIn(channel: AriChannelJson, app: string): string[] | undefined {
  if (channel.dialplan?.app_name?.toLowerCase() !== 'stasis') return undefined;
  const [name, ...args] = (channel.dialplan.app_data ?? '').split(',');
  return name === app ? args : undefined;
}
