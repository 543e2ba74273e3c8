// The browser's phone, mounted once in the root Layout for a signed-in staff member: client-side navigation between
// pages re-renders the pages under it but never this provider, so a call goes on from one page to the next. It owns
// the JsSIP engine (loaded with a dynamic import once the page runs in the browser, never on the server), the
// reducer's state, the <audio> element the other end is heard through, and what makes an incoming call noticed.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useCsrfToken } from '../components/csrf-input.tsx';
import { askNotificationPermission, flashTitle, notifyIncomingCall, startRingtone } from './attention.ts';
import { fetchSoftphoneCredentials } from './credentials-client.ts';
import { fetchDirectory, type DirectoryEntry } from './directory.ts';
import type { PhoneEngine } from './phone-engine.ts';
import { initialPhoneState, phoneReducer, type PhoneEvent, type PhoneState } from './phone-state.ts';
import { addRecentCall, readRecentCalls, recentCallOf, type RecentCall } from './recent-calls.ts';
import { SoftphoneContext, type SoftphoneActions, type SoftphoneSetup } from './softphone-context.ts';
import { FloatingSoftphone, PHONE_PAGE_PATH } from './softphone-panel.tsx';
import { useMediaDevices } from './use-media-devices.ts';
import { partyName } from './softphone-view.tsx';
import { useTranslate } from './use-translate.ts';

const DEVICES_KEY = 'switchboard.softphone.devices';

/** Test hook (documented in docs/decisions/019-jssip.md): the end-to-end suite reads the call's RTCPeerConnection. */
interface SoftphoneTestHook {
  peerConnection(): RTCPeerConnection | undefined;
  state(): PhoneState;
}
declare global {
  interface Window {
    __softphone?: SoftphoneTestHook;
  }
}

export function SoftphoneProvider({ username, children }: { username: string; children: ReactNode }) {
  const t = useTranslate();
  const csrfToken = useCsrfToken();
  const { pathname } = useLocation();
  const [phone, dispatch] = useReducer(phoneReducer, initialPhoneState);
  const [setup, setSetup] = useState<SoftphoneSetup>({ status: 'starting' });
  const [panelOpen, setPanelOpen] = useState(false);
  const [recentCalls, setRecentCalls] = useState<RecentCall[]>([]);
  const [directory, setDirectory] = useState<DirectoryEntry[]>([]);
  const [devicesChoice, setDevicesChoice] = useState<{ microphoneId: string | null; speakerId: string | null }>({
    microphoneId: null,
    speakerId: null,
  });
  const [, setStreamsVersion] = useState(0);
  const devices = useMediaDevices();
  const engineRef = useRef<PhoneEngine | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const stateRef = useRef(phone);
  stateRef.current = phone;
  const devicesRef = useRef(devicesChoice);
  devicesRef.current = devicesChoice;
  /** Bumped at each start: a start overtaken by a newer one (Use here twice, a fast unmount) gives up. */
  const generationRef = useRef(0);

  const start = useCallback(async () => {
    const generation = ++generationRef.current;
    engineRef.current?.stop();
    engineRef.current = null;
    setSetup({ status: 'starting' });
    const answer = await fetchSoftphoneCredentials(csrfToken);
    if (generation !== generationRef.current) return;
    if (answer.status === 'no-person') {
      setSetup({ status: 'no-person' });
      return;
    }
    if (answer.status === 'unavailable' || !audioRef.current) {
      setSetup({ status: 'unavailable' });
      dispatch({ type: 'registration-failed', failure: { kind: 'credentials-unavailable' } });
      return;
    }
    try {
      const { createJssipPhone } = await import('./jssip-phone.client.ts');
      if (generation !== generationRef.current) return;
      // The credentials (password included) go to the engine and nowhere else: no state, no storage.
      engineRef.current = createJssipPhone({
        credentials: answer,
        location: window.location,
        dispatch: (event: PhoneEvent) => {
          if (generation === generationRef.current) dispatch(event);
        },
        remoteAudio: audioRef.current,
        onStreamsChanged: () => setStreamsVersion((version) => version + 1),
        microphoneId: devicesRef.current.microphoneId,
        speakerId: devicesRef.current.speakerId,
      });
      setSetup({ status: 'ready', displayName: answer.displayName, extension: answer.extension });
    } catch {
      setSetup({ status: 'unavailable' });
      dispatch({ type: 'registration-failed', failure: { kind: 'webrtc-error' } });
    }
  }, [csrfToken]);

  // Start once the page runs in the browser; stop (unregister, hang up) when the person signs out.
  useEffect(() => {
    void start();
    return () => {
      generationRef.current += 1;
      engineRef.current?.stop();
      engineRef.current = null;
    };
    // Once per provider: the csrf token of a session does not change, and "Use here" calls start() itself.
  }, []);

  useEffect(() => {
    setRecentCalls(readRecentCalls(window.localStorage, username));
    try {
      const saved: unknown = JSON.parse(window.localStorage.getItem(DEVICES_KEY) ?? 'null');
      if (saved && typeof saved === 'object') {
        const { microphoneId, speakerId } = saved as Record<string, unknown>;
        setDevicesChoice({
          microphoneId: typeof microphoneId === 'string' ? microphoneId : null,
          speakerId: typeof speakerId === 'string' ? speakerId : null,
        });
      }
    } catch {
      // No saved choice: the browser's default devices.
    }
  }, [username]);

  useEffect(() => {
    window.__softphone = {
      peerConnection: () => engineRef.current?.peerConnection(),
      state: () => stateRef.current,
    };
    return () => {
      delete window.__softphone;
    };
  }, []);

  // Each ended call goes to the recent calls, once.
  const recordedRef = useRef<number | null>(null);
  useEffect(() => {
    const call = phone.call;
    if (call.state !== 'ended' || recordedRef.current === call.endedAt) return;
    recordedRef.current = call.endedAt;
    setRecentCalls(addRecentCall(window.localStorage, username, recentCallOf(call)));
  }, [phone.call, username]);

  // An incoming call opens the panel, rings, flashes the title and, with the tab hidden, notifies.
  const ringingSince = phone.call.state === 'incoming-ringing' ? phone.call.startedAt : null;
  useEffect(() => {
    const call = stateRef.current.call;
    if (ringingSince === null || call.state !== 'incoming-ringing') return;
    setPanelOpen(true);
    const who = partyName(t, call.remote);
    const stops = [
      startRingtone(),
      flashTitle(t('softphone:flashTitle', { who })),
      notifyIncomingCall(t('softphone:notification.title'), t('softphone:notification.body', { who })),
    ];
    return () => stops.forEach((stop) => stop());
  }, [ringingSince, t]);

  const refreshDevices = devices.refresh;
  const openPanel = useCallback(() => {
    setPanelOpen(true);
    // A gesture: the one moment a browser lets the page ask to notify.
    askNotificationPermission();
    refreshDevices();
    void fetchDirectory().then(setDirectory);
  }, [refreshDevices]);

  // Device names appear once the microphone is allowed, i.e. after the first call is set up.
  const inCall = phone.call.state === 'in-call';
  useEffect(() => {
    if (inCall) refreshDevices();
  }, [inCall, refreshDevices]);

  const chooseDevices = useCallback((choice: { microphoneId: string | null; speakerId: string | null }) => {
    setDevicesChoice(choice);
    try {
      window.localStorage.setItem(DEVICES_KEY, JSON.stringify(choice));
    } catch {
      // Not kept for the next visit; chosen all the same.
    }
  }, []);

  const actions = useMemo<SoftphoneActions>(() => {
    const engine = () => engineRef.current;
    return {
      call: (target) => void engine()?.call(target),
      answer: () => void engine()?.answer(),
      decline: () => engine()?.decline(),
      hangUp: () => engine()?.hangUp(),
      toggleMute: () => {
        const call = stateRef.current.call;
        if (call.state === 'in-call' || call.state === 'transferring') engine()?.setMuted(!call.muted);
      },
      toggleHold: () => {
        const call = stateRef.current.call;
        if (call.state === 'in-call') engine()?.setHeld(!call.held);
      },
      sendDtmf: (key) => engine()?.sendDtmf(key),
      blindTransfer: (target) => engine()?.blindTransfer(target),
      attendedTransfer: (target) => void engine()?.attendedTransfer(target),
      completeTransfer: () => engine()?.completeTransfer(),
      cancelTransfer: () => engine()?.cancelTransfer(),
      useHere: () => void start(),
      dismissNotice: () => dispatch({ type: 'notice-dismissed' }),
      dismissCall: () => dispatch({ type: 'call-dismissed' }),
      chooseMicrophone: (deviceId) => {
        chooseDevices({ ...devicesRef.current, microphoneId: deviceId });
        void engine()?.setMicrophone(deviceId);
      },
      chooseSpeaker: (deviceId) => {
        chooseDevices({ ...devicesRef.current, speakerId: deviceId });
        void engine()?.setSpeaker(deviceId);
      },
      refreshDevices,
      openPanel,
      closePanel: () => setPanelOpen(false),
      dial: (number) => {
        openPanel();
        void engine()?.call(number);
      },
    };
  }, [start, openPanel, chooseDevices, refreshDevices]);

  const remoteStream = engineRef.current?.remoteStream() ?? null;
  const model = {
    setup,
    phone,
    panelOpen,
    recentCalls,
    directory,
    microphones: devices.microphones,
    speakers: devices.speakers,
    canChooseSpeaker: devices.canChooseSpeaker,
    microphoneId: devicesChoice.microphoneId,
    speakerId: devicesChoice.speakerId,
    remoteStream,
  };
  const onPhonePage = pathname === PHONE_PAGE_PATH;
  return (
    <SoftphoneContext.Provider value={{ model, actions }}>
      {children}
      {/* Always in the page, whichever view shows the phone: the other end is heard through it. */}
      <audio ref={audioRef} autoPlay data-testid="softphone-remote-audio" hidden />
      {panelOpen && !onPhonePage ? <FloatingSoftphone /> : null}
    </SoftphoneContext.Provider>
  );
}
