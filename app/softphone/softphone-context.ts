// What the provider (softphone-provider.tsx, mounted once in the root Layout) shares with the top bar's button, the
// floating panel, the /phone page and the flow page's "Call this flow" buttons.
import { createContext, useContext } from 'react';
import type { DirectoryEntry } from './directory.ts';
import type { PhoneState } from './phone-state.ts';
import type { RecentCall } from './recent-calls.ts';
import type { MediaDeviceChoice } from './use-media-devices.ts';

/** Where the phone's set-up stands, before and beside the SIP registration. */
export type SoftphoneSetup =
  /** Asking the server for credentials, loading JsSIP. */
  | { status: 'starting' }
  /** The staff account is linked to no person of the directory: nothing registers. */
  | { status: 'no-person' }
  | { status: 'ready'; displayName: string; extension: string }
  /** The credentials could not be had; the registration state says why (credentials-unavailable). */
  | { status: 'unavailable' };

export interface SoftphoneActions {
  call(target: string): void;
  answer(): void;
  decline(): void;
  hangUp(): void;
  toggleMute(): void;
  toggleHold(): void;
  /** A key of the keypad during a call: sent as DTMF. */
  sendDtmf(key: string): void;
  blindTransfer(target: string): void;
  attendedTransfer(target: string): void;
  completeTransfer(): void;
  cancelTransfer(): void;
  /** Fetches fresh credentials and registers here, taking the phone back from another browser or tab. */
  useHere(): void;
  dismissNotice(): void;
  dismissCall(): void;
  chooseMicrophone(deviceId: string | null): void;
  chooseSpeaker(deviceId: string | null): void;
  refreshDevices(): void;
  openPanel(): void;
  closePanel(): void;
  /** Opens the panel and calls `number` ("Call this flow"). */
  dial(number: string): void;
}

export interface SoftphoneModel {
  setup: SoftphoneSetup;
  phone: PhoneState;
  panelOpen: boolean;
  recentCalls: RecentCall[];
  directory: DirectoryEntry[];
  microphones: MediaDeviceChoice[];
  speakers: MediaDeviceChoice[];
  canChooseSpeaker: boolean;
  microphoneId: string | null;
  speakerId: string | null;
  /** What the other end sends, for the level meter (null outside a call). */
  remoteStream: MediaStream | null;
}

export interface SoftphoneContextValue {
  model: SoftphoneModel;
  actions: SoftphoneActions;
}

export const SoftphoneContext = createContext<SoftphoneContextValue | null>(null);

/** The softphone, or null where there is none (signed out, unit tests of other pages). */
export function useSoftphone(): SoftphoneContextValue | null {
  return useContext(SoftphoneContext);
}
