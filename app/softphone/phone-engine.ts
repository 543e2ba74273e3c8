// What the panel asks of the phone, whatever SIP stack is behind it. The JsSIP implementation
// (jssip-phone.client.ts) is loaded with a dynamic import in the browser only; this file has no JsSIP import, so the
// provider and the server's render can name these types.
import type { ReadySoftphoneCredentials } from './credentials.ts';
import type { PhoneEvent } from './phone-state.ts';

export interface PhoneEngine {
  /** Calls an extension or a number; the reducer hears 'dialling', then 'answered' or 'ended'. */
  call(target: string): Promise<void>;
  answer(): Promise<void>;
  decline(): void;
  /** Ends the active call: the consultation during an attended transfer, else the call itself. */
  hangUp(): void;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): void;
  /** One key of the keypad, sent in the audio (RFC 4733 through the RTCDTMFSender), to the active call. */
  sendDtmf(key: string): void;
  /** Hands the call to `target` at once (REFER). */
  blindTransfer(target: string): void;
  /** Puts the call on hold and calls `target`; completeTransfer() then joins them (REFER with Replaces). */
  attendedTransfer(target: string): Promise<void>;
  completeTransfer(): void;
  /** Hangs up the consultation of an attended transfer; the first call stays on hold. */
  cancelTransfer(): void;
  /** null: the browser's default device. During a call the new microphone replaces the old one at once. */
  setMicrophone(deviceId: string | null): Promise<void>;
  setSpeaker(deviceId: string | null): Promise<void>;
  /** The microphone's stream of the call in progress, and what the other end sends (for the level meter). */
  localStream(): MediaStream | null;
  remoteStream(): MediaStream | null;
  /** The peer connection of the active call (test hook: window.__softphone). */
  peerConnection(): RTCPeerConnection | undefined;
  /** Unregisters, ends any call and closes the WebSocket. */
  stop(): void;
}

export interface PhoneEngineOptions {
  credentials: ReadySoftphoneCredentials;
  /** The page's location: the WebSocket goes to the same host, ws or wss as the page is http or https. */
  location: Pick<Location, 'protocol' | 'host'>;
  dispatch(event: PhoneEvent): void;
  /** The <audio autoplay> element the other end is heard through. */
  remoteAudio: HTMLAudioElement;
  /** Called when the local or remote stream changes, so the level meter follows. */
  onStreamsChanged(): void;
  microphoneId: string | null;
  speakerId: string | null;
}

export type CreatePhoneEngine = (options: PhoneEngineOptions) => PhoneEngine;

/** ws://host/sip on an http page, wss://host/sip on an https one. */
export function sipWebSocketUrl(location: Pick<Location, 'protocol' | 'host'>, websocketPath: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${websocketPath}`;
}

/** The getUserMedia constraints of the chosen microphone (exact: a wrong device is better refused than swapped). */
export function microphoneConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: deviceId
      ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true }
      : { echoCancellation: true, noiseSuppression: true },
    video: false,
  };
}
