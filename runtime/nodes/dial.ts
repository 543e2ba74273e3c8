import type { DialTarget } from '#flows/nodes/dial.ts';
import type { PeopleDirectory } from '../ports.ts';
import { branch, type NodeExecutor } from './executor.ts';

type ResolvedTarget = { endpoint: string } | { problem: string };

/** Directory people are rung on their SIP account, PJSIP/<username>. */
function resolveTarget(target: DialTarget, people: PeopleDirectory): ResolvedTarget {
  switch (target.kind) {
    case 'user': {
      const person = people.personByUsername(target.username);
      return person ? { endpoint: `PJSIP/${person.username}` } : { problem: `No person "${target.username}" in the directory` };
    }
    case 'extension': {
      const person = people.personByExtension(target.extension);
      return person ? { endpoint: `PJSIP/${person.username}` } : { problem: `Nobody owns extension ${target.extension}` };
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
    const result = await context.call.dial({
      endpoint: resolved.endpoint,
      ringSeconds: data.ringSeconds,
      callerId: data.callerId || undefined,
      signal: context.signal,
      // Recorded at once: if the caller hangs up while talking, the dial never returns, and history must still
      // show that the person answered.
      onAnswered: () => context.record({ kind: 'note', detail: { message: 'answered', endpoint: resolved.endpoint } }),
    });
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
    return branch(result.outcome);
  },
};
