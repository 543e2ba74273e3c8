import type { DialTarget } from '#flows/nodes/dial.ts';
import type { DialResult } from '../call-port.ts';
import type { PeopleDirectory } from '../ports.ts';
import { personDialString } from '../person-dial.ts';
import { branch, type NodeExecutor } from './executor.ts';

type ResolvedTarget = { endpoint: string } | { problem: string };

/** Directory people are rung on all their devices at once (desk phone and browser): personDialString. */
function resolveTarget(target: DialTarget, people: PeopleDirectory): ResolvedTarget {
  switch (target.kind) {
    case 'user': {
      const person = people.personByUsername(target.username);
      return person
        ? { endpoint: personDialString(person.username) }
        : { problem: `No person "${target.username}" in the directory` };
    }
    case 'extension': {
      const person = people.personByExtension(target.extension);
      return person
        ? { endpoint: personDialString(person.username) }
        : { problem: `Nobody owns extension ${target.extension}` };
    }
    case 'endpoint':
      return { endpoint: target.endpoint };
  }
}

/** Rings the target for ringSeconds; when answered the caller talks to them, then the "answered" branch goes on. */
export const dialExecutor: NodeExecutor<'dial'> = {
  async run(node, context) {
    const { data } = node;
    const resolved = resolveTarget(data.target, context.people);
    if ('problem' in resolved) {
      // The directory changed since publishing: treat it like an unreachable phone, and say why.
      context.record({ kind: 'note', detail: { message: resolved.problem, target: data.target } });
      context.record({ kind: 'dial', detail: { target: data.target, outcome: 'failed', detail: resolved.problem } });
      return branch('failed');
    }
    const recordDial = (result: DialResult) =>
      context.record({
        kind: 'dial',
        detail: {
          target: data.target,
          endpoint: resolved.endpoint,
          outcome: result.outcome,
          ...(result.talkMs !== undefined ? { talkMs: result.talkMs } : {}),
          ...(result.detail !== undefined ? { detail: result.detail } : {}),
        },
      });
    // If the caller hangs up (or the session stops) while the two talk, dial() never returns and the session closes
    // the call at once: the conversation ends now, so its dial event is written here, before the session's node-left.
    let answeredAt: number | null = null;
    let recorded = false;
    const onCallEnded = () => {
      if (answeredAt === null || recorded) return;
      recorded = true;
      const reason = context.signal.reason instanceof Error ? context.signal.reason.message : 'the call ended';
      recordDial({ outcome: 'answered', talkMs: Date.now() - answeredAt, detail: `${reason} during the conversation` });
    };
    context.signal.addEventListener('abort', onCallEnded, { once: true });
    let result: DialResult;
    const resumed = context.resumedHold?.kind === 'dial' ? context.resumedHold : undefined;
    try {
      if (resumed && context.call.resumeDial) {
        // The runtime restarted while the two were talking: they still are, in the bridge Asterisk kept.
        answeredAt = resumed.answeredAt;
        result = await context.call.resumeDial({
          bridgeId: resumed.bridgeId,
          legId: resumed.legId,
          answeredAt: resumed.answeredAt,
          signal: context.signal,
        });
      } else {
        result = await context.call.dial({
          endpoint: resolved.endpoint,
          ringSeconds: data.ringSeconds,
          callerId: data.callerId || undefined,
          signal: context.signal,
          // Recorded at once, so history shows when the person answered, not only when the talk ended.
          onAnswered: (connected) => {
            answeredAt = Date.now();
            context.record({ kind: 'note', detail: { message: 'answered', endpoint: resolved.endpoint } });
            if (connected)
              context.hold({ kind: 'dial', ...connected, endpoint: resolved.endpoint, answeredAt: answeredAt });
          },
        });
      }
    } finally {
      context.signal.removeEventListener('abort', onCallEnded);
    }
    // A dial that returns after the call ended (its clean-up outlived the hang-up) was already written above.
    if (!recorded) recordDial(result);
    return branch(result.outcome);
  },
};
