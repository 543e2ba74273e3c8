// Queued callbacks on ARI, agent first (Amazon Connect's queued callback): Switchboard rings the agent; once they
// answer, their channel is a call of our Stasis app like any other, and it dials the caller back through the same
// DialAttempt as a dial node, which bridges the two. The agent hears the caller's phone ring, as with a click-to-call.
import { randomUUID } from 'node:crypto';
import type { CallbackDialer } from '../queue/queue-service.ts';
import type { Logger } from '../log.ts';
import type { AriCallPort } from './call-port.ts';
import type { AriRest } from './ari-rest.ts';

/** The Stasis argument that marks an agent leg rung for a callback (its channel then arrives as an incoming call). */
export const CALLBACK_MARK = 'queue-callback';

/** How long the caller's phone rings on each attempt. */
const CALLER_RING_SECONDS = 30;
/** How often Asterisk is asked whether an agent leg that has not answered still exists. */
const POLL_MS = 250;

export interface AriCallbackDialer extends CallbackDialer {
  /** The connection's incoming calls go here first: true when the port is an agent leg of a callback (taken). */
  takeAgentLeg(port: AriCallPort): boolean;
}

export function ariCallbackDialer(deps: { rest: () => AriRest; logger: Logger }): AriCallbackDialer {
  const waiting = new Map<string, (port: AriCallPort) => void>();

  return {
    takeAgentLeg(port) {
      const deliver = waiting.get(port.id);
      if (!deliver) return false;
      waiting.delete(port.id);
      deliver(port);
      return true;
    },

    async connect(request) {
      const channelId = `callback-${randomUUID()}`;
      const answered = new Promise<AriCallPort>((resolve) => waiting.set(channelId, resolve));
      const rest = deps.rest();
      try {
        await rest.originate({
          endpoint: request.agentEndpoint,
          channelId,
          appArgs: `${CALLBACK_MARK},${request.department}`,
          timeoutSeconds: request.agentRingSeconds,
          callerId: `"Rappel ${request.callerNumber}" <${request.callerNumber}>`,
        });
      } catch (error) {
        waiting.delete(channelId);
        deps.logger.warn(`Could not ring ${request.agentEndpoint} for a callback: ${String(error)}`);
        return { outcome: 'failed' };
      }
      // Either the agent answers (the leg enters Stasis) or the leg disappears (no answer, busy, unreachable).
      const deadline = Date.now() + (request.agentRingSeconds + 5) * 1000;
      const polling = { stopped: false };
      const agent = await Promise.race([answered, legGone(rest, channelId, deadline, polling)]);
      polling.stopped = true;
      if (agent === null) {
        waiting.delete(channelId);
        await rest.hangup(channelId).catch(() => {});
        return { outcome: 'agent-no-answer' };
      }
      request.onAgentAnswered();
      deps.logger.info(`callback: ${request.agentEndpoint} answered; ringing ${request.callerEndpoint}`);
      // The agent is this dial's "caller": when they hang up first, dial() rejects, yet the two did talk.
      let connectedAt: number | null = null;
      try {
        const result = await agent.dial({
          endpoint: request.callerEndpoint,
          ringSeconds: CALLER_RING_SECONDS,
          signal: agent.hangupSignal,
          onAnswered: () => (connectedAt = Date.now()),
        });
        deps.logger.info(`callback of ${request.callerEndpoint} by ${request.agentEndpoint}: ${result.outcome}`, {
          ...(result.detail ? { detail: result.detail } : {}),
        });
        return result.outcome === 'answered'
          ? { outcome: 'connected', talkMs: result.talkMs ?? 0 }
          : { outcome: 'caller-no-answer' };
      } catch (error) {
        if (connectedAt !== null) {
          deps.logger.info(`callback of ${request.callerEndpoint} by ${request.agentEndpoint}: the agent hung up`);
          return { outcome: 'connected', talkMs: Date.now() - connectedAt };
        }
        deps.logger.info(
          `callback of ${request.callerEndpoint}: the agent left before it connected (${String(error)})`,
        );
        return { outcome: 'caller-no-answer' };
      } finally {
        await agent.hangup().catch(() => {});
      }
    },
  };
}

/** Resolves null once the leg no longer exists in Asterisk, or when it still rings at the deadline. */
async function legGone(rest: AriRest, channelId: string, deadline: number, polling: { stopped: boolean }) {
  while (!polling.stopped) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const state = await rest.channelState(channelId).catch(() => 'unknown');
    if (state === undefined) return null;
    // Up means answered: its StasisStart is on its way, unless the leg vanishes first.
    if (state !== 'Up' && Date.now() > deadline) return null;
  }
  return null;
}
