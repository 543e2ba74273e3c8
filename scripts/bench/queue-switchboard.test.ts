import { describe, expect, it } from 'vitest';
import { queuedCallFromRow } from './queue-switchboard.ts';

describe('queuedCallFromRow', () => {
  it('reads the offers and bounds each unanswered ring by the next offer, the ring time or the call leaving', () => {
    const offers = [
      { username: 'agent02', at: 5_000, outcome: 'answered', freeToRingMs: 4 },
      { username: 'agent01', at: 1_000, outcome: 'no-answer', freeToRingMs: 12 },
      { username: 'agent03', at: 3_000, outcome: 'busy', freeToRingMs: null },
    ];
    const call = queuedCallFromRow(
      {
        id: 'q1',
        priority: 10,
        seq: 7,
        entered_at: 500,
        left_at: 5_000,
        outcome: 'answered',
        offers: JSON.stringify(offers),
      },
      1_500,
    );
    expect(call).toEqual({
      id: 'q1',
      priority: 10,
      seq: 7,
      enteredAt: 500,
      leftAt: 5_000,
      outcome: 'answered',
      offers: [
        { at: 1_000, answered: false, endedAt: 2_500, freeToRingMs: 12 }, // ring time
        { at: 3_000, answered: false, endedAt: 5_000, freeToRingMs: null }, // next offer
        { at: 5_000, answered: true, endedAt: null, freeToRingMs: 4 },
      ],
    });
  });

  it('leaves a ring open while the call still waits', () => {
    const call = queuedCallFromRow(
      {
        id: 'q2',
        priority: 0,
        seq: 1,
        entered_at: 0,
        left_at: null,
        outcome: null,
        offers: JSON.stringify([{ username: 'agent01', at: 10, outcome: 'ringing', freeToRingMs: 1 }]),
      },
      15_000,
    );
    expect(call.offers).toEqual([{ at: 10, answered: false, endedAt: null, freeToRingMs: 1 }]);
  });
});
