// The browser's phone outside React: the engine, the reducer's state and the <audio> element live here, once per
// signed-in staff member and browser tab, not in a component. React Router renders the root's ErrorBoundary (a page
// the person may not open, a 404) in a Layout of its own, which remounts everything under it; a phone held by a
// component would hang up there. The provider subscribes to this store (useSyncExternalStore) and only asks it to
// stop when no provider has come back a moment after the last one left (the person signed out).
import { z } from 'zod';
import { fetchSoftphoneCredentials } from './credentials-client.ts';
import type { PhoneEngine } from './phone-engine.ts';
import { initialPhoneState, phoneReducer, type PhoneEvent, type PhoneState } from './phone-state.ts';
import type { SoftphoneSetup } from './softphone-context.ts';

export interface SoftphoneSnapshot {
  phone: PhoneState;
  setup: SoftphoneSetup;
  panelOpen: boolean;
  /** Bumped when the engine's streams change, so the level meter picks the new one up. */
  streams: number;
}

export const initialSnapshot: SoftphoneSnapshot = {
  phone: initialPhoneState,
  setup: { status: 'starting' },
  panelOpen: false,
  streams: 0,
};

/** How long the store waits for a provider to come back (a remount) before it stops the phone. */
const STOP_GRACE_MS = 2000;

export class SoftphoneStore {
  private snapshot: SoftphoneSnapshot = initialSnapshot;
  private readonly listeners = new Set<() => void>();
  private engine: PhoneEngine | null = null;
  private generation = 0;
  private started = false;
  private users = 0;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  readonly audio: HTMLAudioElement;

  constructor(readonly username: string) {
    // Outside React's tree, so no remount replaces it while the other end is speaking.
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.audio.hidden = true;
    this.audio.dataset.testid = 'softphone-remote-audio';
    document.body.append(this.audio);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SoftphoneSnapshot => this.snapshot;

  currentEngine(): PhoneEngine | null {
    return this.engine;
  }

  dispatch = (event: PhoneEvent): void => {
    const phone = phoneReducer(this.snapshot.phone, event);
    if (phone !== this.snapshot.phone) this.update({ phone });
  };

  setPanelOpen(panelOpen: boolean): void {
    if (panelOpen !== this.snapshot.panelOpen) this.update({ panelOpen });
  }

  /** A provider mounted: cancels a pending stop, starts the phone the first time. */
  attach(csrfToken: string): void {
    this.users += 1;
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    if (!this.started) {
      this.started = true;
      void this.start(csrfToken);
    }
  }

  /** A provider unmounted: stop, unless another mounts again soon (an error page's Layout, a fast remount). */
  detach(onStopped: () => void): void {
    this.users -= 1;
    if (this.users > 0) return;
    this.stopTimer = setTimeout(() => {
      if (this.users > 0) return;
      this.stop();
      onStopped();
    }, STOP_GRACE_MS);
  }

  /** Asks for credentials (again: "Use here" takes the device back from another tab) and registers. */
  async start(csrfToken: string): Promise<void> {
    const generation = ++this.generation;
    this.engine?.stop();
    this.engine = null;
    this.update({ setup: { status: 'starting' } });
    const answer = await fetchSoftphoneCredentials(csrfToken);
    if (generation !== this.generation) return;
    if (answer.status === 'no-person') {
      this.update({ setup: { status: 'no-person' } });
      return;
    }
    if (answer.status === 'unavailable') {
      this.update({ setup: { status: 'unavailable' } });
      this.dispatch({ type: 'registration-failed', failure: { kind: 'credentials-unavailable' } });
      return;
    }
    try {
      const { createJssipPhone } = await import('./jssip-phone.client.ts');
      if (generation !== this.generation) return;
      const devices = readDeviceChoice();
      // The credentials (password included) go to the engine and nowhere else: no state, no storage.
      this.engine = createJssipPhone({
        credentials: answer,
        location: window.location,
        dispatch: (event) => {
          if (generation === this.generation) this.dispatch(event);
        },
        remoteAudio: this.audio,
        onStreamsChanged: () => this.update({ streams: this.snapshot.streams + 1 }),
        microphoneId: devices.microphoneId,
        speakerId: devices.speakerId,
      });
      this.update({ setup: { status: 'ready', displayName: answer.displayName, extension: answer.extension } });
    } catch {
      this.update({ setup: { status: 'unavailable' } });
      this.dispatch({ type: 'registration-failed', failure: { kind: 'webrtc-error' } });
    }
  }

  stop(): void {
    this.generation += 1;
    this.engine?.stop();
    this.engine = null;
    this.audio.remove();
  }

  private update(change: Partial<SoftphoneSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

let current: SoftphoneStore | null = null;

/** The tab's store for this staff member; another account signing in gets a new one (the old one stops). */
export function softphoneStoreFor(username: string): SoftphoneStore {
  if (current?.username !== username) {
    current?.stop();
    current = new SoftphoneStore(username);
  }
  return current;
}

/** Forgets the store once it stopped, so the next sign-in starts afresh. */
export function forgetSoftphoneStore(store: SoftphoneStore): void {
  if (current === store) current = null;
}

// The chosen microphone and speaker (device ids, nothing secret), kept for the next visit.
const DEVICES_KEY = 'switchboard.softphone.devices';

const deviceChoiceSchema = z.object({ microphoneId: z.string().nullable(), speakerId: z.string().nullable() });
export type DeviceChoice = z.infer<typeof deviceChoiceSchema>;

export function readDeviceChoice(): DeviceChoice {
  try {
    const saved = deviceChoiceSchema.safeParse(JSON.parse(window.localStorage.getItem(DEVICES_KEY) ?? 'null'));
    if (saved.success) return saved.data;
  } catch {
    // Storage refused or unreadable: the browser's default devices.
  }
  return { microphoneId: null, speakerId: null };
}

export function saveDeviceChoice(choice: DeviceChoice): void {
  try {
    window.localStorage.setItem(DEVICES_KEY, JSON.stringify(choice));
  } catch {
    // Not kept for the next visit; chosen all the same.
  }
}
