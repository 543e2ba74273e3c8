// The browser phone's state, as one pure reducer: registration (is the phone reachable?) beside the call (is there
// one, and how far along is it?). The JsSIP adapter (jssip-phone.client.ts) translates JsSIP's UA and session events
// into PhoneEvents; the panel reads the state. An event that makes no sense in the current state (an answer when
// nothing rings, a second "ringing" during a call) is ignored: the state object comes back unchanged, so React does
// not even re-render.
import type { EndCause, PhoneFailure } from './phone-errors.ts';

export type Registration =
  | { state: 'unregistered' }
  | { state: 'registering' }
  | { state: 'registered' }
  | { state: 'failed'; reason: PhoneFailure };

/** The other end of a call: their number (SIP user part) and, when the network gave one, their name. */
export interface Party {
  number: string;
  name: string | null;
}

export type CallDirection = 'incoming' | 'outgoing';

/** A call that is up: since when (epoch ms), and what this side did to it. */
interface Connected {
  remote: Party;
  direction: CallDirection;
  since: number;
  muted: boolean;
  held: boolean;
}

/**
 * An attended transfer calls the target first (the consultation) while the first call waits on hold; a blind one
 * hands the call over at once. Either way the first call is still ours until the far end accepts the REFER.
 */
export type Consultation = { kind: 'blind' } | { kind: 'attended'; consultation: 'ringing' | 'connected' };

export type Call =
  | { state: 'idle' }
  | { state: 'outgoing-ringing'; remote: Party; startedAt: number }
  | { state: 'incoming-ringing'; remote: Party; startedAt: number }
  | ({ state: 'in-call' } & Connected)
  | ({ state: 'transferring'; target: string } & Consultation & Connected)
  /** `duration`: seconds the call was up (0 when never answered). */
  | { state: 'ended'; remote: Party; direction: CallDirection; cause: EndCause; duration: number; endedAt: number };

export type RegistrationStateName = Registration['state'];
export type CallStateName = Call['state'];

export interface PhoneState {
  registration: Registration;
  call: Call;
  /** The last failure not already shown by the registration or the call (a transfer refused, a microphone lost). */
  notice: PhoneFailure | null;
}

export const initialPhoneState: PhoneState = {
  registration: { state: 'unregistered' },
  call: { state: 'idle' },
  notice: null,
};

export type PhoneEvent =
  // Registration
  | { type: 'registering' }
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'registration-failed'; failure: PhoneFailure }
  // Calls
  | { type: 'dialling'; remote: Party; at: number }
  | { type: 'ringing-in'; remote: Party; at: number }
  | { type: 'answered'; at: number }
  | { type: 'ended'; cause: EndCause; at: number }
  | { type: 'muted' }
  | { type: 'unmuted' }
  | { type: 'held' }
  | { type: 'resumed' }
  // Transfers
  | { type: 'transfer-started'; kind: 'blind' | 'attended'; target: string }
  | { type: 'consultation-answered' }
  /** The transfer did not happen (the target refused, the person cancelled): back to the first call, still held. */
  | { type: 'transfer-abandoned'; failure: PhoneFailure | null }
  // The panel
  | { type: 'failed'; failure: PhoneFailure }
  | { type: 'notice-dismissed' }
  /** The person closed the "call ended" summary. */
  | { type: 'call-dismissed' };

export function phoneReducer(state: PhoneState, event: PhoneEvent): PhoneState {
  switch (event.type) {
    case 'registering':
    case 'registered':
    case 'unregistered':
    case 'registration-failed': {
      const registration = nextRegistration(state.registration, event);
      return registration === state.registration ? state : { ...state, registration };
    }
    case 'failed':
      return { ...state, notice: event.failure };
    case 'notice-dismissed':
      return state.notice === null ? state : { ...state, notice: null };
    default: {
      const call = nextCall(state.call, event);
      if (call === state.call) return state;
      const notice = event.type === 'transfer-abandoned' && event.failure ? event.failure : state.notice;
      return { ...state, call, notice };
    }
  }
}

function nextRegistration(registration: Registration, event: PhoneEvent): Registration {
  switch (event.type) {
    case 'registering':
      return registration.state === 'registering' ? registration : { state: 'registering' };
    case 'registered':
      return registration.state === 'registered' ? registration : { state: 'registered' };
    case 'unregistered':
      return registration.state === 'unregistered' ? registration : { state: 'unregistered' };
    case 'registration-failed':
      return { state: 'failed', reason: event.failure };
    default:
      return registration;
  }
}

/** A new call may start when none is in progress: nothing yet, or the summary of the last one. */
function isFree(call: Call): call is Extract<Call, { state: 'idle' | 'ended' }> {
  return call.state === 'idle' || call.state === 'ended';
}

function nextCall(call: Call, event: PhoneEvent): Call {
  switch (event.type) {
    case 'dialling':
      return isFree(call) ? { state: 'outgoing-ringing', remote: event.remote, startedAt: event.at } : call;
    case 'ringing-in':
      return isFree(call) ? { state: 'incoming-ringing', remote: event.remote, startedAt: event.at } : call;
    case 'answered':
      if (call.state !== 'outgoing-ringing' && call.state !== 'incoming-ringing') return call;
      return {
        state: 'in-call',
        remote: call.remote,
        direction: call.state === 'outgoing-ringing' ? 'outgoing' : 'incoming',
        since: event.at,
        muted: false,
        held: false,
      };
    case 'ended':
      return ended(call, event.cause, event.at);
    case 'muted':
    case 'unmuted': {
      if (call.state !== 'in-call' && call.state !== 'transferring') return call;
      const muted = event.type === 'muted';
      return call.muted === muted ? call : { ...call, muted };
    }
    case 'held':
    case 'resumed': {
      // While an attended transfer consults the target, the first call stays on hold: resuming it is not possible
      // until the transfer is abandoned.
      if (call.state !== 'in-call') return call;
      const held = event.type === 'held';
      return call.held === held ? call : { ...call, held };
    }
    case 'transfer-started': {
      if (call.state !== 'in-call') return call;
      const { state: _state, ...connected } = call;
      return event.kind === 'blind'
        ? { ...connected, state: 'transferring', kind: 'blind', target: event.target }
        : {
            ...connected,
            state: 'transferring',
            kind: 'attended',
            target: event.target,
            consultation: 'ringing',
            held: true,
          };
    }
    case 'consultation-answered':
      if (call.state !== 'transferring' || call.kind !== 'attended' || call.consultation === 'connected') return call;
      return { ...call, consultation: 'connected' };
    case 'transfer-abandoned': {
      if (call.state !== 'transferring') return call;
      const { remote, direction, since, muted, held } = call;
      return { state: 'in-call', remote, direction, since, muted, held };
    }
    case 'call-dismissed':
      return call.state === 'ended' ? { state: 'idle' } : call;
    default:
      return call;
  }
}

function ended(call: Call, cause: EndCause, at: number): Call {
  switch (call.state) {
    case 'outgoing-ringing':
    case 'incoming-ringing':
      return {
        state: 'ended',
        remote: call.remote,
        direction: call.state === 'outgoing-ringing' ? 'outgoing' : 'incoming',
        cause,
        duration: 0,
        endedAt: at,
      };
    case 'in-call':
    case 'transferring':
      return {
        state: 'ended',
        remote: call.remote,
        direction: call.direction,
        cause,
        duration: Math.max(0, Math.round((at - call.since) / 1000)),
        endedAt: at,
      };
    default:
      return call;
  }
}

/** Whether the keypad sends DTMF tones (a call is up) rather than typing into the number field. */
export function isConnected(call: Call): call is Extract<Call, { state: 'in-call' | 'transferring' }> {
  return call.state === 'in-call' || call.state === 'transferring';
}
