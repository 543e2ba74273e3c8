// The microphones and speakers the browser offers. Their names appear only once the page may use the microphone
// (after the first call), so the list is read again on every "devicechange" and whenever the panel asks.
import { useCallback, useEffect, useState } from 'react';

export interface MediaDeviceChoice {
  deviceId: string;
  label: string;
}

export interface MediaDevices {
  microphones: MediaDeviceChoice[];
  speakers: MediaDeviceChoice[];
  /** Whether this browser can send the sound to a chosen speaker (HTMLMediaElement.setSinkId). */
  canChooseSpeaker: boolean;
  refresh(): void;
}

export function useMediaDevices(): MediaDevices {
  const [devices, setDevices] = useState<{ microphones: MediaDeviceChoice[]; speakers: MediaDeviceChoice[] }>({
    microphones: [],
    speakers: [],
  });
  const [canChooseSpeaker, setCanChooseSpeaker] = useState(false);
  const refresh = useCallback(() => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    void navigator.mediaDevices
      .enumerateDevices()
      .then((all) => {
        const of = (kind: MediaDeviceKind) =>
          all
            .filter((device) => device.kind === kind && device.deviceId && device.deviceId !== 'default')
            .map((device) => ({ deviceId: device.deviceId, label: device.label }));
        setDevices({ microphones: of('audioinput'), speakers: of('audiooutput') });
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    setCanChooseSpeaker('setSinkId' in HTMLMediaElement.prototype);
    refresh();
    navigator.mediaDevices?.addEventListener?.('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener?.('devicechange', refresh);
  }, [refresh]);
  return { ...devices, canChooseSpeaker, refresh };
}
