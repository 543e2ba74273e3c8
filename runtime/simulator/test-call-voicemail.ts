import type {
  NewVoicemailMessage,
  PinCheck,
  PinPolicy,
  StoredVoicemailMessage,
  VoicemailBoxes,
} from '../voicemail/voicemail-boxes.ts';

// A test call from the designer sees the real boxes (owners, greetings, messages, PINs) but changes none of them:
// a message left, a message deleted or heard, a greeting recorded, wrong PINs counted — all stay with that one
// test call. Staff trying a menu must never leave messages in a colleague's inbox or lock their box.

interface TestMessage extends StoredVoicemailMessage {
  deleted: boolean;
}

export function testCallVoicemail(real: VoicemailBoxes): VoicemailBoxes {
  const left = new Map<string, TestMessage>();
  const heard = new Set<string>();
  const deleted = new Set<string>();
  const pinState = new Map<string, { failed: number; lockedUntil: number | null }>();
  let nextId = 1;

  return {
    box: (box) => real.box(box),

    async saveMessage(message: NewVoicemailMessage): Promise<string> {
      if (!real.box(message.box)) throw new Error(`No voicemail box ${message.box}`);
      const id = `test-vm-${nextId++}`;
      left.set(id, {
        id,
        box: message.box,
        callerNumber: message.callerNumber,
        callerName: message.callerName,
        receivedAt: message.receivedAt,
        durationMs: message.durationMs,
        heard: false,
        // The tone a test caller "spoke" is not stored anywhere Asterisk or the browser could fetch it from.
        audio: { kind: 'sound', name: 'beep' },
        deleted: false,
      });
      return id;
    },

    async checkPin(box: string, pin: string, policy: PinPolicy): Promise<PinCheck> {
      const state = pinState.get(box) ?? { failed: 0, lockedUntil: null };
      pinState.set(box, state);
      if (state.lockedUntil !== null && state.lockedUntil > policy.now)
        return { result: 'locked', until: state.lockedUntil, lockedNow: false };
      const matches = await real.pinMatches(box, pin);
      if (matches === null) return { result: 'no-such-box' };
      if (matches) {
        Object.assign(state, { failed: 0, lockedUntil: null });
        return { result: 'ok' };
      }
      state.failed += 1;
      if (state.failed >= policy.maxAttempts) {
        Object.assign(state, { failed: 0, lockedUntil: policy.now + policy.lockMs });
        return { result: 'locked', until: policy.now + policy.lockMs, lockedNow: true };
      }
      return { result: 'wrong', attemptsLeft: policy.maxAttempts - state.failed };
    },

    pinMatches: (box, pin) => real.pinMatches(box, pin),

    messages(box: string): StoredVoicemailMessage[] {
      const stored = real
        .messages(box)
        .filter((message) => !deleted.has(message.id))
        .map((message) => ({ ...message, heard: message.heard || heard.has(message.id) }));
      const mine = [...left.values()]
        .filter((message) => message.box === box && !message.deleted)
        .map(({ deleted: _deleted, ...message }) => message);
      const all = [...stored, ...mine];
      const byTime = (a: StoredVoicemailMessage, b: StoredVoicemailMessage) => a.receivedAt - b.receivedAt;
      return [...all.filter((m) => !m.heard).sort(byTime), ...all.filter((m) => m.heard).sort(byTime)];
    },

    markHeard(messageId: string): void {
      const mine = left.get(messageId);
      if (mine) mine.heard = true;
      else heard.add(messageId);
    },

    deleteMessage(messageId: string): void {
      const mine = left.get(messageId);
      if (mine) mine.deleted = true;
      else deleted.add(messageId);
    },

    async saveGreeting(box: string): Promise<void> {
      // Accepted so the tester hears the usual confirmation; the owner's real greeting is kept.
      if (!real.box(box)) throw new Error(`No voicemail box ${box}`);
    },
  };
}
