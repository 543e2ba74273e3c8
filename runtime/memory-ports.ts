import { createHash } from 'node:crypto';
import type { Calendar } from '#flows/calendar/calendar.ts';
import type { TypedFlowDocument } from '#flows/document.ts';
import type { PromptMedia } from './call-port.ts';
import type {
  CalendarDirectory,
  CallEventInput,
  CallOutcome,
  CallPosition,
  CallRecorder,
  CallStartInput,
  DirectoryPerson,
  FlowDirectory,
  PeopleDirectory,
  PromptSource,
  PromptSpec,
  PublishedFlow,
} from './ports.ts';
import type {
  NewVoicemailMessage,
  PinCheck,
  PinPolicy,
  StoredVoicemailMessage,
  VoicemailBox,
  VoicemailBoxes,
} from './voicemail/voicemail-boxes.ts';

// In-memory implementations of the runtime's ports, for tests and the call simulator. They behave like db/'s:
// published versions are immutable, a number belongs to one flow, events keep their order.

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class MemoryFlowDirectory implements FlowDirectory {
  /** Every published version of each flow, oldest first. */
  private readonly versions = new Map<string, PublishedFlow[]>();
  /** Number -> flow id. */
  private readonly numbers = new Map<string, string>();

  constructor(flows: { flowId: string; document: TypedFlowDocument }[] = []) {
    for (const flow of flows) this.publish(flow.flowId, flow.document);
  }

  /**
   * Stores a new immutable version of the flow (a copy: later changes to `document` do not reach it) and binds the
   * document's numbers to the flow, releasing numbers the flow no longer lists.
   */
  publish(flowId: string, document: TypedFlowDocument): PublishedFlow {
    for (const number of document.numbers) {
      const owner = this.numbers.get(number);
      if (owner !== undefined && owner !== flowId) {
        throw new Error(`Cannot publish flow ${flowId}: number ${number} already belongs to flow ${owner}`);
      }
    }
    const history = this.versions.get(flowId) ?? [];
    const versionNumber = history.length + 1;
    const version: PublishedFlow = deepFreeze({
      flowId,
      flowName: document.name,
      versionId: `${flowId}@v${versionNumber}`,
      versionNumber,
      document: structuredClone(document),
    });
    this.versions.set(flowId, [...history, version]);
    for (const [number, owner] of this.numbers) if (owner === flowId) this.numbers.delete(number);
    for (const number of document.numbers) this.numbers.set(number, flowId);
    return version;
  }

  publishedFlowForNumber(number: string): PublishedFlow | null {
    const flowId = this.numbers.get(number);
    return flowId === undefined ? null : this.publishedFlowById(flowId);
  }

  publishedFlowByVersionId(versionId: string): PublishedFlow | null {
    for (const history of this.versions.values()) {
      const version = history.find((candidate) => candidate.versionId === versionId);
      if (version) return version;
    }
    return null;
  }

  publishedFlowById(flowId: string): PublishedFlow | null {
    return this.versions.get(flowId)?.at(-1) ?? null;
  }
}

/** Calendars by id; tests change them (the switch, a closure) between calls with `set` and `remove`. */
export class MemoryCalendarDirectory implements CalendarDirectory {
  private readonly calendars = new Map<string, Calendar>();

  constructor(calendars: Record<string, Calendar> = {}) {
    for (const [id, calendar] of Object.entries(calendars)) this.calendars.set(id, calendar);
  }

  calendar(calendarId: string): Calendar | null {
    return this.calendars.get(calendarId) ?? null;
  }

  set(calendarId: string, calendar: Calendar): void {
    this.calendars.set(calendarId, calendar);
  }

  remove(calendarId: string): void {
    this.calendars.delete(calendarId);
  }
}

export class MemoryPeopleDirectory implements PeopleDirectory {
  constructor(private readonly people: DirectoryPerson[] = []) {}

  personByUsername(username: string): DirectoryPerson | null {
    return this.people.find((person) => person.username === username) ?? null;
  }

  personByExtension(extension: string): DirectoryPerson | null {
    return this.people.find((person) => person.extension === extension) ?? null;
  }
}

export interface RecordedCall extends CallStartInput {
  id: string;
  events: CallEventInput[];
  outcome: CallOutcome | null;
  endedAt: number | null;
  reason: string | null;
}

export class MemoryCallRecorder implements CallRecorder {
  readonly calls: RecordedCall[] = [];
  /** Every position saved, in order, by call id (the last one is where the call is). */
  readonly positions = new Map<string, CallPosition[]>();

  savePosition(callId: string, position: CallPosition): void {
    this.call(callId);
    const saved = this.positions.get(callId) ?? [];
    saved.push(structuredClone(position));
    this.positions.set(callId, saved);
  }

  startCall(input: CallStartInput): string {
    const id = `call-${this.calls.length + 1}`;
    this.calls.push({ ...input, id, events: [], outcome: null, endedAt: null, reason: null });
    return id;
  }

  appendEvent(callId: string, event: CallEventInput): void {
    this.call(callId).events.push(event);
  }

  endCall(callId: string, outcome: CallOutcome, endedAt: number, reason?: string): void {
    const call = this.call(callId);
    if (call.outcome !== null) throw new Error(`Call ${callId} already ended (${call.outcome})`);
    Object.assign(call, { outcome, endedAt, reason: reason ?? null });
  }

  closeCallsNotIn(liveChannelIds: Set<string>, endedAt: number): number {
    const lost = this.calls.filter((call) => call.outcome === null && !liveChannelIds.has(call.channelId));
    for (const call of lost) Object.assign(call, { outcome: 'lost', endedAt, reason: 'The channel is gone' });
    return lost.length;
  }

  call(callId: string): RecordedCall {
    const call = this.calls.find((candidate) => candidate.id === callId);
    if (!call) throw new Error(`No call ${callId} was recorded`);
    return call;
  }
}

/** Stands in for the PromptStore: every sentence is "rendered" at once, addressed by a hash of what shapes it. */
export class MemoryPromptSource implements PromptSource {
  /** Every spec asked for, in order. */
  readonly prepared: PromptSpec[] = [];

  async prepare(prompt: PromptSpec, signal: AbortSignal): Promise<PromptMedia> {
    signal.throwIfAborted();
    this.prepared.push(prompt);
    const hash = createHash('sha256')
      .update(JSON.stringify([prompt.language, prompt.voice ?? '', prompt.text]))
      .digest('hex')
      .slice(0, 32);
    return { kind: 'prompt', hash, text: prompt.text };
  }
}

interface MemoryBox {
  ownerName: string;
  language: string;
  pin: string;
  failedAttempts: number;
  lockedUntil: number | null;
  greeting: Uint8Array | null;
}

/** Voicemail boxes in memory, with the same PIN lock rules as db/voicemail.ts; audio is kept as given. */
export class MemoryVoicemailBoxes implements VoicemailBoxes {
  readonly messagesById = new Map<
    string,
    StoredVoicemailMessage & { audioFile: Uint8Array; channelId?: string; deleted: boolean }
  >();
  private readonly boxes = new Map<string, MemoryBox>();
  private nextId = 1;

  constructor(boxes: { box: string; ownerName: string; pin: string; language?: string }[] = []) {
    for (const { box, ownerName, pin, language } of boxes) {
      this.boxes.set(box, {
        ownerName,
        pin,
        language: language ?? 'fr-FR',
        failedAttempts: 0,
        lockedUntil: null,
        greeting: null,
      });
    }
  }

  box(box: string): VoicemailBox | null {
    const found = this.boxes.get(box);
    if (!found) return null;
    return {
      box,
      ownerName: found.ownerName,
      language: found.language,
      greeting: found.greeting ? { kind: 'audio-file', fileId: `greeting-${box}` } : null,
    };
  }

  /** The greeting saved for a box (tests). */
  greetingOf(box: string): Uint8Array | null {
    return this.boxes.get(box)?.greeting ?? null;
  }

  async saveMessage(message: NewVoicemailMessage): Promise<string> {
    if (!this.boxes.has(message.box)) throw new Error(`No voicemail box ${message.box}`);
    const id = `vm-${this.nextId++}`;
    const { audio, ...rest } = message;
    this.messagesById.set(id, {
      ...rest,
      id,
      heard: false,
      deleted: false,
      audio: { kind: 'audio-file', fileId: `voicemail-${id}` },
      audioFile: audio,
    });
    return id;
  }

  async pinMatches(box: string, pin: string): Promise<boolean | null> {
    const found = this.boxes.get(box);
    return found ? found.pin === pin : null;
  }

  async checkPin(box: string, pin: string, policy: PinPolicy): Promise<PinCheck> {
    const found = this.boxes.get(box);
    if (!found) return { result: 'no-such-box' };
    if (found.lockedUntil !== null && found.lockedUntil > policy.now)
      return { result: 'locked', until: found.lockedUntil, lockedNow: false };
    if (pin === found.pin) {
      Object.assign(found, { failedAttempts: 0, lockedUntil: null });
      return { result: 'ok' };
    }
    found.failedAttempts += 1;
    if (found.failedAttempts >= policy.maxAttempts) {
      Object.assign(found, { failedAttempts: 0, lockedUntil: policy.now + policy.lockMs });
      return { result: 'locked', until: found.lockedUntil!, lockedNow: true };
    }
    return { result: 'wrong', attemptsLeft: policy.maxAttempts - found.failedAttempts };
  }

  messages(box: string): StoredVoicemailMessage[] {
    const kept = [...this.messagesById.values()].filter((message) => message.box === box && !message.deleted);
    const byTime = (a: StoredVoicemailMessage, b: StoredVoicemailMessage) => a.receivedAt - b.receivedAt;
    return [...kept.filter((m) => !m.heard).sort(byTime), ...kept.filter((m) => m.heard).sort(byTime)].map(
      ({ id, box: owner, callerNumber, callerName, receivedAt, durationMs, heard, audio }) => ({
        id,
        box: owner,
        callerNumber,
        callerName,
        receivedAt,
        durationMs,
        heard,
        audio,
      }),
    );
  }

  markHeard(messageId: string): void {
    const message = this.messagesById.get(messageId);
    if (message) message.heard = true;
  }

  deleteMessage(messageId: string): void {
    const message = this.messagesById.get(messageId);
    if (message) message.deleted = true;
  }

  async saveGreeting(box: string, audio: Uint8Array): Promise<void> {
    const found = this.boxes.get(box);
    if (!found) throw new Error(`No voicemail box ${box}`);
    found.greeting = audio;
  }
}
