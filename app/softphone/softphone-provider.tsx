// The browser's phone, mounted once in the root Layout for a signed-in staff member. The phone itself (engine, state,
// <audio>) lives in a store outside React (softphone-store.ts), so neither a client-side navigation nor the root's
// error page (which remounts the Layout) drops a call. This provider connects the store to the components, and adds
// what belongs to the page: the directory, the recent calls, the devices, and what makes an incoming call noticed.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useCsrfToken } from '../components/csrf-input.tsx';
import { askNotificationPermission, flashTitle, notifyIncomingCall, startRingtone } from './attention.ts';
import { fetchDirectory, type DirectoryEntry } from './directory.ts';
import type { PhoneState } from './phone-state.ts';
import { addRecentCall, readRecentCalls, recentCallOf, type RecentCall } from './recent-calls.ts';
import { SoftphoneContext, type SoftphoneActions } from './softphone-context.ts';
import { FloatingSoftphone, PHONE_PAGE_PATH } from './softphone-panel.tsx';
import {
  forgetSoftphoneStore,
  initialSnapshot,
  readDeviceChoice,
  saveDeviceChoice,
  softphoneStoreFor,
  type DeviceChoice,
  type SoftphoneStore,
} from './softphone-store.ts';
import { partyName } from './softphone-view.tsx';
import { useMediaDevices } from './use-media-devices.ts';
import { useTranslate } from './use-translate.ts';

/** Test hook (docs/decisions/019-jssip.md): the end-to-end suite reads the call's RTCPeerConnection and the state. */
interface SoftphoneTestHook {
  peerConnection(): RTCPeerConnection | undefined;
  state(): PhoneState;
}
declare global {
  interface Window {
    __softphone?: SoftphoneTestHook;
  }
}

const noSubscription = () => () => undefined;

export function SoftphoneProvider({ username, children }: { username: string; children: ReactNode }) {
  const t = useTranslate();
  const csrfToken = useCsrfToken();
  const { pathname } = useLocation();
  // No store on the server's render: it would be shared by every request. The first render in the browser matches
  // the server's (initialSnapshot) and the store takes over from the effect on.
  const [store, setStore] = useState<SoftphoneStore | null>(null);
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store?.getSnapshot ?? (() => initialSnapshot),
    () => initialSnapshot,
  );
  const { phone, setup, panelOpen } = snapshot;
  const [recentCalls, setRecentCalls] = useState<RecentCall[]>([]);
  const [directory, setDirectory] = useState<DirectoryEntry[]>([]);
  const [devicesChoice, setDevicesChoice] = useState<DeviceChoice>({ microphoneId: null, speakerId: null });
  const devices = useMediaDevices();
  const refreshDevices = devices.refresh;
  const storeRef = useRef(store);
  storeRef.current = store;
  const devicesRef = useRef(devicesChoice);
  devicesRef.current = devicesChoice;

  useEffect(() => {
    const mine = softphoneStoreFor(username);
    mine.attach(csrfToken);
    setStore(mine);
    window.__softphone = {
      peerConnection: () => mine.currentEngine()?.peerConnection(),
      state: () => mine.getSnapshot().phone,
    };
    return () =>
      mine.detach(() => {
        forgetSoftphoneStore(mine);
        delete window.__softphone;
      });
    // The csrf token of a session does not change while the person stays signed in.
  }, [username]);

  useEffect(() => {
    setRecentCalls(readRecentCalls(window.localStorage, username));
    setDevicesChoice(readDeviceChoice());
  }, [username]);

  // Each ended call goes to the recent calls, once (also after a remount: the last recorded end is kept).
  useEffect(() => {
    const call = phone.call;
    if (call.state !== 'ended' || lastRecorded.get(username) === call.endedAt) return;
    lastRecorded.set(username, call.endedAt);
    setRecentCalls(addRecentCall(window.localStorage, username, recentCallOf(call)));
  }, [phone.call, username]);

  // An incoming call opens the panel, rings, flashes the title and, with the tab hidden, notifies.
  const ringing = phone.call.state === 'incoming-ringing' ? phone.call : null;
  useEffect(() => {
    if (!ringing) return;
    storeRef.current?.setPanelOpen(true);
    const who = partyName(t, ringing.remote);
    const stops = [
      startRingtone(),
      flashTitle(t('softphone:flashTitle', { who })),
      notifyIncomingCall(t('softphone:notification.title'), t('softphone:notification.body', { who })),
    ];
    return () => stops.forEach((stop) => stop());
  }, [ringing, t]);

  // Device names appear once the microphone is allowed, i.e. after the first call is set up.
  const inCall = phone.call.state === 'in-call';
  useEffect(() => {
    if (inCall) refreshDevices();
  }, [inCall, refreshDevices]);

  const openPanel = useCallback(() => {
    storeRef.current?.setPanelOpen(true);
    // A gesture: the one moment a browser lets the page ask to notify.
    askNotificationPermission();
    refreshDevices();
    void fetchDirectory().then(setDirectory);
  }, [refreshDevices]);

  const chooseDevices = useCallback((choice: DeviceChoice) => {
    setDevicesChoice(choice);
    saveDeviceChoice(choice);
  }, []);

  const actions = useMemo<SoftphoneActions>(() => {
    const engine = () => storeRef.current?.currentEngine() ?? null;
    const call = () => storeRef.current?.getSnapshot().phone.call;
    return {
      call: (target) => void engine()?.call(target),
      answer: () => void engine()?.answer(),
      decline: () => engine()?.decline(),
      hangUp: () => engine()?.hangUp(),
      toggleMute: () => {
        const current = call();
        if (current?.state === 'in-call' || current?.state === 'transferring') engine()?.setMuted(!current.muted);
      },
      toggleHold: () => {
        const current = call();
        if (current?.state === 'in-call') engine()?.setHeld(!current.held);
      },
      sendDtmf: (key) => engine()?.sendDtmf(key),
      blindTransfer: (target) => engine()?.blindTransfer(target),
      attendedTransfer: (target) => void engine()?.attendedTransfer(target),
      completeTransfer: () => engine()?.completeTransfer(),
      cancelTransfer: () => engine()?.cancelTransfer(),
      useHere: () => void storeRef.current?.start(csrfToken),
      dismissNotice: () => storeRef.current?.dispatch({ type: 'notice-dismissed' }),
      dismissCall: () => storeRef.current?.dispatch({ type: 'call-dismissed' }),
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
      closePanel: () => storeRef.current?.setPanelOpen(false),
      dial: (number) => {
        openPanel();
        void engine()?.call(number);
      },
    };
  }, [csrfToken, openPanel, chooseDevices, refreshDevices]);

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
    remoteStream: store?.currentEngine()?.remoteStream() ?? null,
  };
  return (
    <SoftphoneContext.Provider value={{ model, actions }}>
      {children}
      {panelOpen && pathname !== PHONE_PAGE_PATH ? <FloatingSoftphone /> : null}
    </SoftphoneContext.Provider>
  );
}

/** The end of the last call recorded per staff member, kept across remounts so no call is listed twice. */
const lastRecorded = new Map<string, number>();
