import type { TypedFlowNode } from '#flows/catalogue.ts';
import { CallerHungUp } from '../call-port.ts';
import { conferencePrompt } from '../conference/conference-messages.ts';
import type { ConferenceRole } from '../conference/conference-rooms.ts';
import { branch, next, type ExecutionContext, type NodeExecutor, type StepResult } from './executor.ts';
import { nodeMessagesLanguage } from './node-language.ts';
import { speak } from './speak.ts';

/** Wrong PINs a caller may type before hearing goodbye (ConfBridge's default too). */
export const PIN_ATTEMPTS = 3;
const PIN_TIMEOUT_MS = 10_000;

type ConferenceData = TypedFlowNode<'conference'>['data'];

/**
 * Puts the caller in a conference room. With PINs, the caller types one first: the moderator PIN makes a moderator,
 * the participant PIN (or just # when the room only has a moderator PIN) a participant; three wrong PINs end the
 * call after a spoken message. A full room takes `full` (or says so and ends when that branch leads nowhere); after
 * the caller leaves the room (conference ended) the flow goes on by `next`. Kicked callers are hung up.
 */
export const conferenceExecutor: NodeExecutor<'conference'> = {
  async run(node, context) {
    const { data } = node;
    // After a runtime restart the caller was already let in: no PIN again, and back in the bridge they are still in.
    const resumed = context.resumedHold?.kind === 'conference' ? context.resumedHold : undefined;
    const role = resumed ? resumed.role : await askRole(data, context);
    if (role === null) {
      await speak(context, conferencePrompt('wrongPinGoodbye', nodeMessagesLanguage(context, data.language)));
      return { kind: 'end' };
    }
    if (!resumed) context.record({ kind: 'note', detail: { conference: data.room, joined: role } });
    context.hold({ kind: 'conference', room: data.room, role });
    const { reason } = await context.conferences.join({
      call: context.call,
      options: data,
      role,
      signal: context.signal,
      ...(resumed ? { resumed: { bridgeId: resumed.bridgeId } } : {}),
    });
    context.record({ kind: 'note', detail: { conference: data.room, left: reason } });
    return afterLeaving(reason, data, context);
  },
};

async function afterLeaving(reason: string, data: ConferenceData, context: ExecutionContext): Promise<StepResult> {
  switch (reason) {
    case 'hung-up':
      if (context.signal.aborted) throw context.signal.reason;
      throw new CallerHungUp();
    case 'full':
      if (context.connectedBranches.has('full')) return branch('full');
      await speak(context, conferencePrompt('full', nodeMessagesLanguage(context, data.language)));
      return { kind: 'end' };
    case 'locked':
      await speak(context, conferencePrompt('locked', nodeMessagesLanguage(context, data.language)));
      return { kind: 'end' };
    case 'kicked':
      return { kind: 'end' };
    default:
      return next; // 'ended': the conference is over, the flow says goodbye
  }
}

/** The caller's role from the PIN typed, or null after too many wrong PINs. Rooms without PINs take everyone. */
async function askRole(data: ConferenceData, context: ExecutionContext): Promise<ConferenceRole | null> {
  const { participantPin, moderatorPin } = data;
  if (participantPin === undefined && moderatorPin === undefined) return 'participant';
  for (let attempt = 1; attempt <= PIN_ATTEMPTS; attempt++) {
    context.call.clearDigits();
    await speak(context, conferencePrompt('enterPin', nodeMessagesLanguage(context, data.language)), true, {
      secret: true,
    });
    const read = await context.call.readDigits({
      maxDigits: 12,
      terminator: '#',
      firstDigitTimeoutMs: PIN_TIMEOUT_MS,
      interDigitTimeoutMs: PIN_TIMEOUT_MS,
      signal: context.signal,
    });
    const role = roleForPin(read.digits, participantPin, moderatorPin);
    // The PIN itself never goes into call history.
    context.record({
      kind: 'digits',
      detail: { purpose: 'conference-pin', attempt, accepted: role !== null, ended: read.ended },
    });
    if (role) return role;
    if (attempt < PIN_ATTEMPTS)
      await speak(context, conferencePrompt('wrongPin', nodeMessagesLanguage(context, data.language)));
  }
  return null;
}

function roleForPin(
  typed: string,
  participantPin: string | undefined,
  moderatorPin: string | undefined,
): ConferenceRole | null {
  if (moderatorPin !== undefined && typed === moderatorPin) return 'moderator';
  if (participantPin !== undefined) return typed === participantPin ? 'participant' : null;
  return typed === '' ? 'participant' : null;
}
