import type { AgentState } from '../queue/departments.ts';
import { DEFAULT_PAUSE_REASON, pauseReasonByDigit } from '../queue/pause-reasons.ts';
import { agentCodePrompt, type AgentCodeMessage } from './agent-code-messages.ts';
import type { FeatureCode, FeatureCodeContext } from './feature-code.ts';

// The agents' feature codes: *45 logs in to (or out of) all of one's departments, *46 pauses (or ends the pause),
// *46 then a digit pauses with that reason of PAUSE_REASONS. Same rules as the web and the CLI (db/departments.ts):
// a pause asked for during a call starts when it ends.

/** One agent as the feature codes need them. */
export interface AgentSelfView {
  /** Departments the person is a member of, and how many of them they are logged in to. */
  departments: number;
  loggedIn: number;
  state: AgentState;
  /** A pause waiting for the current call to end. */
  pendingPause: string | null;
}

/** What the agent codes may change, implemented on the database by db/departments.ts (createAgentSelfService). */
export interface AgentSelfService {
  agent(username: string): AgentSelfView;
  setLoggedInEverywhere(username: string, loggedIn: boolean): AgentSelfView;
  pause(username: string, reason: string): AgentSelfView;
  unpause(username: string): AgentSelfView;
}

async function say(context: FeatureCodeContext, message: AgentCodeMessage): Promise<void> {
  const media = await context.prompts.prepare(agentCodePrompt(message, context.language), context.signal);
  const result = await context.call.play(media, { bargeIn: false, signal: context.signal });
  if (result.outcome === 'failed' && !context.call.hangupSignal.aborted) {
    context.note({ message: 'could not play the confirmation', reason: result.reason });
  }
}

/** Refuses callers who are not people of the directory; otherwise the person's user name. */
async function callingPerson(context: FeatureCodeContext, code: string): Promise<string | null> {
  if (context.callerUsername !== null) return context.callerUsername;
  context.note({ featureCode: code, result: 'refused: the call does not come from a person’s SIP account' });
  await say(context, { kind: 'not-a-person' });
  return null;
}

export function agentLoginCode(agents: AgentSelfService): FeatureCode {
  return {
    pattern: '*45',
    summary: 'Log in to all your departments, or out of them if you are logged in',
    match: (dialled) => (dialled === '*45' ? { rest: '' } : null),
    async run(context) {
      const username = await callingPerson(context, '*45');
      if (username === null) return;
      const before = agents.agent(username);
      if (before.departments === 0) {
        context.note({ featureCode: '*45', username, result: 'refused: in no department' });
        return say(context, { kind: 'no-department' });
      }
      const after = agents.setLoggedInEverywhere(username, before.loggedIn === 0);
      if (after.loggedIn > 0) {
        context.note({ featureCode: '*45', username, result: `logged in to ${after.loggedIn} department(s)` });
        return say(context, { kind: 'logged-in', departments: after.loggedIn });
      }
      context.note({ featureCode: '*45', username, result: 'logged out of every department' });
      return say(context, { kind: 'logged-out' });
    },
  };
}

export function agentPauseCode(agents: AgentSelfService): FeatureCode {
  return {
    pattern: '*46',
    summary: 'Pause (or end your pause); *46 then a digit pauses with that reason',
    match: (dialled) => {
      const found = /^\*46(\d?)$/.exec(dialled);
      return found ? { rest: found[1]! } : null;
    },
    async run(context, rest) {
      const username = await callingPerson(context, `*46${rest}`);
      if (username === null) return;
      const code = `*46${rest}`;
      const before = agents.agent(username);
      if (before.departments === 0) {
        context.note({ featureCode: code, username, result: 'refused: in no department' });
        return say(context, { kind: 'no-department' });
      }
      const paused = before.state.kind === 'paused' || before.pendingPause !== null;
      if (rest === '' && paused) {
        agents.unpause(username);
        context.note({ featureCode: code, username, result: 'pause ended' });
        return say(context, { kind: 'unpaused' });
      }
      const reason = rest === '' ? DEFAULT_PAUSE_REASON : pauseReasonByDigit(rest)?.label;
      if (reason === undefined) {
        context.note({ featureCode: code, username, result: `refused: no pause reason ${rest}` });
        return say(context, { kind: 'unknown-reason', digit: rest });
      }
      if (before.loggedIn === 0) {
        context.note({ featureCode: code, username, result: 'refused: logged in to no department' });
        return say(context, { kind: 'not-logged-in' });
      }
      const after = agents.pause(username, reason);
      if (after.pendingPause !== null) {
        context.note({ featureCode: code, username, result: `pause "${reason}" after the current call` });
        return say(context, { kind: 'pause-after-call' });
      }
      context.note({ featureCode: code, username, result: `paused: ${reason}` });
      return say(context, { kind: 'paused', reason });
    },
  };
}
