import type { AgentState } from '../queue/departments.ts';
import { DEFAULT_PAUSE_REASON, pauseReasonByDigit } from '../queue/pause-reasons.ts';
import { agentCodePrompt, type AgentCodeMessage } from './agent-code-messages.ts';
import type { FeatureCode, FeatureCodeContext } from './feature-code.ts';

// The agents' feature codes: *45 logs in to (or out of) all of one's departments, *45 + a department's dial code
// logs in to (or out of) that one alone, *46 pauses (or ends the pause),
// *46 then a digit pauses with that reason of PAUSE_REASONS. Same rules as the web and the CLI (db/departments.ts):
// a pause asked for during a call starts when it ends.

/** One agent as the feature codes need them. */
export interface AgentSelfView {
  /** Departments the person is a member of, and how many of them they are logged in to. */
  departments: number;
  loggedIn: number;
  memberships: { id: string; name: string; loggedIn: boolean }[];
  state: AgentState;
  /** A pause waiting for the current call to end. */
  pendingPause: string | null;
}

/** What the agent codes may change, implemented on the database by db/agent-directory.ts (createAgentSelfService). */
export interface AgentSelfService {
  agent(username: string): AgentSelfView;
  /** The department whose dial code (*45 + code) this is, or null. */
  departmentByDialCode(dialCode: number): { id: string; name: string } | null;
  setLoggedIn(username: string, departmentId: string, loggedIn: boolean): AgentSelfView;
  setLoggedInEverywhere(username: string, loggedIn: boolean): AgentSelfView;
  pause(username: string, reason: string): AgentSelfView;
  unpause(username: string): AgentSelfView;
}

function say(context: FeatureCodeContext, message: AgentCodeMessage): Promise<void> {
  return context.say(agentCodePrompt(message, context.language));
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
    summary: 'Log in to all your departments, or out of them if you are logged in; *45 + a dial code: that one',
    match: (dialled) => {
      const found = /^\*45(\d{0,2})$/.exec(dialled);
      return found ? { rest: found[1]! } : null;
    },
    async run(context, rest) {
      const code = `*45${rest}`;
      const username = await callingPerson(context, code);
      if (username === null) return;
      const before = agents.agent(username);
      if (before.departments === 0) {
        context.note({ featureCode: code, username, result: 'refused: in no department' });
        return say(context, { kind: 'no-department' });
      }
      if (rest !== '') return toggleOne(context, agents, username, code, Number(rest), before);
      const after = agents.setLoggedInEverywhere(username, before.loggedIn === 0);
      if (after.loggedIn > 0) {
        context.note({ featureCode: code, username, result: `logged in to ${after.loggedIn} department(s)` });
        return say(context, { kind: 'logged-in', departments: after.loggedIn });
      }
      context.note({ featureCode: code, username, result: 'logged out of every department' });
      return say(context, { kind: 'logged-out' });
    },
  };
}

/** *45 + dial code: logs in to that department, or out of it when logged in there. */
async function toggleOne(
  context: FeatureCodeContext,
  agents: AgentSelfService,
  username: string,
  code: string,
  dialCode: number,
  before: AgentSelfView,
): Promise<void> {
  const department = agents.departmentByDialCode(dialCode);
  if (!department) {
    context.note({ featureCode: code, username, result: `refused: no department has the dial code ${dialCode}` });
    return say(context, { kind: 'unknown-department', dialCode });
  }
  const membership = before.memberships.find((m) => m.id === department.id);
  if (!membership) {
    context.note({ featureCode: code, username, result: `refused: not a member of ${department.name}` });
    return say(context, { kind: 'not-member', department: department.name });
  }
  const after = agents.setLoggedIn(username, department.id, !membership.loggedIn);
  if (!membership.loggedIn) {
    context.note({ featureCode: code, username, result: `logged in to ${department.name}` });
    return say(context, { kind: 'logged-in-one', department: department.name });
  }
  context.note({ featureCode: code, username, result: `logged out of ${department.name}` });
  return say(context, { kind: 'logged-out-one', department: department.name, stillLoggedIn: after.loggedIn });
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
