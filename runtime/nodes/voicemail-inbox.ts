import type { PromptMedia } from '../call-port.ts';
import type { PromptSpec } from '../ports.ts';
import type { StoredVoicemailMessage } from '../voicemail/voicemail-boxes.ts';
import { voicemailSentences, type VoicemailSentences } from '../voicemail/voicemail-prompts.ts';
import { next, type ExecutionContext, type NodeExecutor, type StepResult } from './executor.ts';
import { nodeMessagesLanguage, voiceFor } from './node-language.ts';
import { playMedia, speak } from './speak.ts';

// The 6099 service: box number (unless fixed) and PIN, then the messages one by one with 1 replay, 7 delete,
// 9 keep, # next, then a small menu (listen again, record a personal greeting, leave). The PIN lock lives in the
// store so that hanging up and calling back does not reset it.

const KEY_TIMEOUT_MS = 6_000;
const NUMBER_TIMEOUT_MS = 8_000;
/** Unanswered questions in a row before the service says goodbye (someone who put the phone down). */
const MAX_SILENCES = 3;
const GREETING_MAX_SECONDS = 60;
const GREETING_MIN_MS = 1_000;

type InboxNode = Parameters<NodeExecutor<'voicemail-inbox'>['run']>[0];

class InboxCall {
  /** What voicemail says, in the language the caller hears it in. */
  readonly say: VoicemailSentences;
  private readonly language: string;

  constructor(
    private readonly context: ExecutionContext,
    private readonly data: InboxNode['data'],
  ) {
    ({ sentences: this.say, language: this.language } = voicemailSentences(
      nodeMessagesLanguage(context, data.language),
    ));
  }

  spec(text: string): PromptSpec {
    return { text, language: this.language, ...voiceFor(this.language, this.data) };
  }

  /**
   * Speaks; a key pressed meanwhile stops it (when bargeIn) and stays buffered as the start of the answer. Before a
   * secret answer the key is not recorded: it is the PIN's first digit.
   */
  async tell(text: string, bargeIn = false, secret = false): Promise<void> {
    await speak(this.context, this.spec(text), bargeIn, { secret });
  }

  note(event: string, detail: Record<string, unknown>): void {
    this.context.record({ kind: 'note', detail: { voicemail: event, ...detail } });
  }

  /** Asks for a number ended by #. A secret answer is recorded without its digits or length: history never shows a PIN. */
  async askNumber(question: string, secret: boolean): Promise<string> {
    this.context.call.clearDigits();
    await this.tell(question, true, secret);
    const read = await this.context.call.readDigits({
      maxDigits: 10,
      terminator: '#',
      firstDigitTimeoutMs: NUMBER_TIMEOUT_MS,
      interDigitTimeoutMs: NUMBER_TIMEOUT_MS,
      signal: this.context.signal,
    });
    this.context.record(
      secret
        ? { kind: 'digits', detail: { ended: read.ended, secret: true, entered: read.digits !== '' } }
        : { kind: 'digits', digits: read.digits, detail: { ended: read.ended } },
    );
    return read.digits;
  }

  /** One key after an optional question, or "" on silence; keys pressed during the question count. */
  async askKey(question?: string): Promise<string> {
    if (question) await this.tell(question, true);
    const read = await this.context.call.readDigits({
      maxDigits: 1,
      firstDigitTimeoutMs: KEY_TIMEOUT_MS,
      interDigitTimeoutMs: KEY_TIMEOUT_MS,
      signal: this.context.signal,
    });
    this.context.record({ kind: 'digits', digits: read.digits, detail: { ended: read.ended } });
    return read.digits;
  }

  /** Box number and PIN; the box when the caller may listen, null when the call should end (after saying why). */
  async signIn(): Promise<string | null> {
    const { data } = this;
    let box = data.box.kind === 'fixed' ? data.box.box : '';
    let silences = 0;
    while (box === '') {
      box = await this.askNumber(this.say.askBox, false);
      if (box === '' && ++silences >= MAX_SILENCES) return this.goodbye();
    }
    const lockMs = data.lockMinutes * 60_000;
    let unknownBoxFailures = 0;
    for (;;) {
      const pin = await this.askNumber(this.say.askPin, true);
      if (pin === '') {
        if (++silences >= MAX_SILENCES) return this.goodbye();
        continue;
      }
      const now = Date.now();
      const check = await this.context.voicemail.checkPin(box, pin, { maxAttempts: data.maxPinAttempts, lockMs, now });
      switch (check.result) {
        case 'ok':
          this.note('signed-in', { box });
          return box;
        case 'locked': {
          this.note('locked', { box, until: check.until });
          await this.tell(
            check.lockedNow
              ? this.say.tooManyWrongPins(data.lockMinutes)
              : this.say.boxLocked(Math.ceil((check.until - now) / 60_000)),
          );
          return null;
        }
        case 'wrong':
          this.note('wrong-pin', { box, attemptsLeft: check.attemptsLeft });
          await this.tell(this.say.wrongPin);
          break;
        case 'no-such-box':
          // Said like a wrong PIN, so nobody learns which box numbers exist; no box to lock, so the call ends instead.
          this.note('wrong-pin', { box, noSuchBox: true });
          await this.tell(this.say.wrongPin);
          if (++unknownBoxFailures >= data.maxPinAttempts) return this.goodbye();
          break;
      }
    }
  }

  async goodbye(): Promise<null> {
    await this.tell(this.say.goodbye);
    return null;
  }

  /** Plays each message with its header and its options; ends after the last one. */
  async listen(box: string): Promise<void> {
    for (const message of this.context.voicemail.messages(box)) await this.listenTo(message);
    await this.tell(this.say.noMoreMessages);
  }

  private async listenTo(message: StoredVoicemailMessage): Promise<void> {
    let replay = true;
    for (;;) {
      let key = '';
      if (replay) {
        key = await this.playUntilKey([
          { text: this.say.messageHeader(message.receivedAt, message.callerNumber, message.callerName) },
          { media: message.audio },
        ]);
        this.note('message-played', { messageId: message.id });
        if (!message.heard) {
          this.context.voicemail.markHeard(message.id, Date.now());
          message.heard = true;
        }
      }
      replay = false;
      key = key || (await this.askKey(this.say.messageOptions));
      switch (key) {
        case '1':
          replay = true;
          break;
        case '7':
          this.context.voicemail.deleteMessage(message.id, Date.now());
          this.note('message-deleted', { messageId: message.id });
          await this.tell(this.say.messageDeleted);
          return;
        case '9':
          await this.tell(this.say.messageKept);
          return;
        case '#':
        case '':
          return;
        default:
          await this.tell(this.say.invalidKey);
      }
    }
  }

  /** Plays the parts in order; a key stops them and is returned (still buffered for the read that follows). */
  private async playUntilKey(parts: ({ text: string } | { media: PromptMedia })[]): Promise<string> {
    this.context.call.clearDigits();
    for (const part of parts) {
      const result =
        'text' in part
          ? await speak(this.context, this.spec(part.text), true)
          : await playMedia(this.context, part.media, true);
      if (result.outcome === 'interrupted') {
        // The key answers the options that would follow: take it out of the buffer so it is not read twice.
        this.context.call.clearDigits();
        return result.digit;
      }
    }
    return '';
  }

  async recordGreeting(box: string): Promise<void> {
    await this.tell(this.say.recordGreeting);
    this.context.call.clearDigits();
    const recording = await this.context.call.record({
      maxSeconds: GREETING_MAX_SECONDS,
      silenceSeconds: 5,
      beep: true,
      terminator: '#',
      signal: this.context.signal,
    });
    // A greeting cut short by a hangup is not what its owner meant to record: keep the previous one.
    if (recording.ended === 'hung-up') return;
    if (!recording.audio || recording.durationMs < GREETING_MIN_MS) {
      await this.tell(this.say.greetingTooShort);
      return;
    }
    await this.context.voicemail.saveGreeting(box, recording.audio);
    this.note('greeting-saved', { box, durationMs: recording.durationMs });
    await this.tell(this.say.greetingSaved);
  }
}

export const voicemailInboxExecutor: NodeExecutor<'voicemail-inbox'> = {
  async run(node, context): Promise<StepResult> {
    const inbox = new InboxCall(context, node.data);
    const box = await inbox.signIn();
    if (box === null) return next;

    const messages = context.voicemail.messages(box);
    const fresh = messages.filter((message) => !message.heard).length;
    await inbox.tell(inbox.say.counts(fresh, messages.length - fresh), true);
    if (messages.length > 0) await inbox.listen(box);

    let silences = 0;
    for (;;) {
      context.call.clearDigits();
      const key = await inbox.askKey(inbox.say.mainOptions);
      switch (key) {
        case '1':
          silences = 0;
          if (context.voicemail.messages(box).length === 0) await inbox.tell(inbox.say.counts(0, 0));
          else await inbox.listen(box);
          break;
        case '3':
          silences = 0;
          await inbox.recordGreeting(box);
          break;
        case '#':
          await inbox.goodbye();
          return next;
        case '':
          if (++silences >= MAX_SILENCES - 1) {
            await inbox.goodbye();
            return next;
          }
          break;
        default:
          await inbox.tell(inbox.say.invalidKey);
      }
    }
  },
};
