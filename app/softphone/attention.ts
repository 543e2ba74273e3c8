// How an incoming call gets noticed: a ringtone made with WebAudio (no sound file to ship), the tab's title flashing,
// and a system notification when the tab is hidden. Each start function returns its stop function. Browser only:
// called from effects, never during the server's render.

/** Two short bursts of 440 + 480 Hz every four seconds, the North American ring most people know from films. */
export function startRingtone(): () => void {
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return () => undefined;
  const context = new AudioContextClass();
  // Resuming may be refused without a gesture on the page; the title and the notification still tell.
  void context.resume().catch(() => undefined);
  const gain = context.createGain();
  gain.gain.value = 0;
  gain.connect(context.destination);
  for (const frequency of [440, 480]) {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(gain);
    oscillator.start();
  }
  const ring = () => {
    const now = context.currentTime;
    for (const [start, end] of [
      [0, 0.4],
      [0.6, 1.0],
    ] as const) {
      gain.gain.setValueAtTime(0.12, now + start);
      gain.gain.setValueAtTime(0, now + end);
    }
  };
  ring();
  const timer = window.setInterval(ring, 4000);
  return () => {
    window.clearInterval(timer);
    void context.close().catch(() => undefined);
  };
}

/**
 * Alternates the tab's title with `message` every second; the stop function puts the page's title back. A navigation
 * meanwhile changes the page's title: the latest one is what comes back.
 */
export function flashTitle(message: string): () => void {
  let pageTitle = document.title;
  let showing = false;
  const timer = window.setInterval(() => {
    if (document.title !== message) pageTitle = document.title;
    showing = !showing;
    document.title = showing ? message : pageTitle;
  }, 1000);
  return () => {
    window.clearInterval(timer);
    if (document.title === message) document.title = pageTitle;
  };
}

/** Asks for the permission to notify, from a gesture (the first opening of the panel); once is enough. */
export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

/** A notification while the tab is hidden; clicking it brings the tab forward. */
export function notifyIncomingCall(title: string, body: string): () => void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) {
    return () => undefined;
  }
  const notification = new Notification(title, {
    body,
    tag: 'switchboard-softphone-incoming',
    requireInteraction: true,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
  return () => notification.close();
}
