import { describe, expect, it } from 'vitest';
import type { Condition } from '#flows/nodes/branch.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';
import { conditionHolds } from './branch.ts';

function condition(operator: Condition['operator'], value = ''): Condition {
  return { id: 'c', subject: { kind: 'caller-number' }, operator, value };
}

describe('conditionHolds', () => {
  it.each([
    ['equals', '0612', '0612', true],
    ['equals', '0612', '06', false],
    ['not-equals', '0612', '06', true],
    ['starts-with', '0612', '06', true],
    ['starts-with', '0712', '06', false],
    ['contains', '0612', '61', true],
    ['contains', '0612', '99', false],
    ['matches', '0612345678', '^0[67][0-9]{8}$', true],
    ['matches', '+33612345678', '^0[67][0-9]{8}$', false],
    ['matches', 'abc123', '[0-9]+', true],
    ['is-empty', '', '', true],
    ['is-empty', '1', '', false],
    ['is-not-empty', '1', '', true],
    ['is-not-empty', '', '', false],
  ] as const)('%s: "%s" against "%s" is %s', (operator, subject, value, expected) => {
    // GIVEN a condition, WHEN it is evaluated on the subject, THEN it holds as expected
    expect(conditionHolds(condition(operator, value), subject)).toBe(expected);
  });
});

describe('branch executor', () => {
  /** start -> set vip -> branch [mobile caller, vip variable, dialled 7601] -> a say per branch. */
  function branchFlow(vip: string) {
    return typedFlow({
      numbers: ['7600', '7601'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('flag', 'set', { assignments: [{ variable: 'vip', value: vip }] }),
        draftNode('choose', 'branch', {
          conditions: [
            { id: 'mobile', subject: { kind: 'caller-number' }, operator: 'matches', value: '^0[67]' },
            { id: 'vip', subject: { kind: 'variable', name: 'vip' }, operator: 'equals', value: 'oui' },
            { id: 'second-line', subject: { kind: 'dialled-number' }, operator: 'equals', value: '7601' },
          ],
        }),
        draftNode('mobile', 'say', { text: 'mobile' }),
        draftNode('vip', 'say', { text: 'vip' }),
        draftNode('second-line', 'say', { text: 'second-line' }),
        draftNode('else', 'say', { text: 'else' }),
      ],
      edges: [
        connect('start', 'next', 'flag'),
        connect('flag', 'next', 'choose'),
        ...['mobile', 'vip', 'second-line', 'else'].map((id) => connect('choose', id, id)),
      ],
    });
  }

  it.each([
    ['0612345678', '7600', 'oui', 'mobile'],
    ['0145678900', '7600', 'oui', 'vip'],
    ['0145678900', '7601', 'non', 'second-line'],
    ['0145678900', '7600', 'non', 'else'],
  ])('caller %s dialling %s with vip=%s goes to %s', async (caller, dialled, vip, expected) => {
    // GIVEN the flow and a caller
    const sim = simulate({
      flows: [{ flowId: 'b', document: branchFlow(vip) }],
      dialledNumber: dialled,
      caller: { number: caller, name: '' },
    });
    // WHEN the call runs
    await sim.run();
    // THEN the first condition that holds wins, "else" when none does
    expect(sim.call.playedTexts()).toEqual([expected]);
  });
});
