import { describe, expect, it } from 'vitest';
import {
  answeredPerSecond,
  checkOrder,
  countOutcomes,
  freeToRing,
  percentile,
  waitingAt,
  waitingOver,
  waitsByPriority,
  type QueuedCall,
  type QueueOffer,
} from './queue-metrics.ts';

const answeredAt = (at: number, freeToRingMs: number | null = 5): QueueOffer => ({
  at,
  answered: true,
  endedAt: null,
  freeToRingMs,
});
const unansweredAt = (at: number, endedAt: number, freeToRingMs: number | null = 5): QueueOffer => ({
  at,
  answered: false,
  endedAt,
  freeToRingMs,
});

function call(
  id: string,
  fields: Partial<QueuedCall> & Pick<QueuedCall, 'priority' | 'seq' | 'enteredAt'>,
): QueuedCall {
  return { id, leftAt: null, outcome: null, offers: [], ...fields };
}

// A small queue: two VIPs (priority 10) and three normal callers (priority 0), entered 100 ms apart.
//   n1 (0, seq 1) enters at 0, answered at 1000
//   n2 (0, seq 2) enters at 100, answered at 2000
//   v1 (10, seq 3) enters at 200, answered at 1500
//   n3 (0, seq 4) enters at 300, hangs up at 2500 without being offered
//   v2 (10, seq 5) enters at 400, rung at 1600 without answer (until 1700), answered at 1800
function inOrderTable(): QueuedCall[] {
  return [
    call('n1', { priority: 0, seq: 1, enteredAt: 0, leftAt: 1000, outcome: 'answered', offers: [answeredAt(1000, 3)] }),
    call('n2', {
      priority: 0,
      seq: 2,
      enteredAt: 100,
      leftAt: 2000,
      outcome: 'answered',
      offers: [answeredAt(2000, 40)],
    }),
    call('v1', {
      priority: 10,
      seq: 3,
      enteredAt: 200,
      leftAt: 1500,
      outcome: 'answered',
      offers: [answeredAt(1500, 7)],
    }),
    call('n3', { priority: 0, seq: 4, enteredAt: 300, leftAt: 2500, outcome: 'abandoned' }),
    call('v2', {
      priority: 10,
      seq: 5,
      enteredAt: 400,
      leftAt: 1800,
      outcome: 'answered',
      offers: [unansweredAt(1600, 1700, 1), answeredAt(1800, null)],
    }),
  ];
}

describe('checkOrder', () => {
  it('is 100 % when every offer went to the first waiting caller of the highest priority', () => {
    // n1 answered at 150, before any VIP entered.
    const table = inOrderTable().map((entry) =>
      entry.id === 'n1' ? { ...entry, leftAt: 150, offers: [answeredAt(150, 3)] } : entry,
    );
    // At 1500 (v1) nobody is ahead of v1; at 1600 v2 is the only VIP left; at 1800 v2 again (its own earlier offer
    // ended at 1700); at 2000 n2 is first of priority 0 (n3 has seq 4).
    const check = checkOrder(table);
    expect(check).toEqual({
      offersChecked: 5,
      offersInOrder: 5,
      percent: 100,
      violations: [],
      causes: { rungTogether: 0, arrivedAfterFree: 0, passedOver: 0 },
    });
  });

  it('flags an offer made while a caller with a higher priority waited unrung', () => {
    // n1 rung at 1000 while v1 (entered 200) and v2 (entered 400) waited: both VIPs are ahead of it.
    const check = checkOrder(inOrderTable());
    expect(check.offersChecked).toBe(5);
    expect(check.offersInOrder).toBe(4);
    expect(check.percent).toBe(80);
    expect(check.violations).toEqual([
      { offered: { id: 'n1', priority: 0, seq: 1 }, at: 1000, skipped: { id: 'v1', priority: 10, seq: 3 } },
    ]);
  });

  it("judges an offer at the dispatcher's decision when recorded, not at the ringing that followed", () => {
    // a was chosen first (decided at 400) but its phone started ringing after b's (decided at 450, rang at 460)
    const table = [
      call('a', {
        priority: 0,
        seq: 1,
        enteredAt: 0,
        leftAt: 700,
        outcome: 'answered',
        offers: [{ ...answeredAt(700), decidedAt: 400 }],
      }),
      call('b', {
        priority: 0,
        seq: 2,
        enteredAt: 10,
        leftAt: 460,
        outcome: 'answered',
        offers: [{ ...answeredAt(460), decidedAt: 450 }],
      }),
    ];
    expect(checkOrder(table).percent).toBe(100);
    // Without the decision times the same rings look out of order.
    const byRing = table.map((row) => ({ ...row, offers: row.offers.map(({ decidedAt: _, ...offer }) => offer) }));
    expect(checkOrder(byRing).percent).toBe(50);
  });

  it('flags FIFO broken within one priority', () => {
    const table = [
      call('a', { priority: 0, seq: 1, enteredAt: 0, leftAt: 900, outcome: 'answered', offers: [answeredAt(900)] }),
      call('b', { priority: 0, seq: 2, enteredAt: 10, leftAt: 500, outcome: 'answered', offers: [answeredAt(500)] }),
    ];
    const check = checkOrder(table);
    expect(check.percent).toBe(50);
    expect(check.violations[0]).toMatchObject({ offered: { id: 'b' }, skipped: { id: 'a' } });
  });

  it('does not count callers being rung, answered, already gone or not yet entered as skipped', () => {
    const table = [
      // ringing (an earlier offer still running) when b is rung at 100
      call('ringing', {
        priority: 5,
        seq: 1,
        enteredAt: 0,
        leftAt: 300,
        outcome: 'answered',
        offers: [unansweredAt(50, 200), answeredAt(300)],
      }),
      // answered at 60 (a long conversation: left only at 5000)
      call('talking', {
        priority: 5,
        seq: 2,
        enteredAt: 0,
        leftAt: 5000,
        outcome: 'answered',
        offers: [answeredAt(60)],
      }),
      // hung up at 80
      call('gone', { priority: 5, seq: 3, enteredAt: 0, leftAt: 80, outcome: 'abandoned' }),
      // entered exactly when b is rung
      call('later', {
        priority: 5,
        seq: 5,
        enteredAt: 100,
        leftAt: 400,
        outcome: 'answered',
        offers: [answeredAt(400)],
      }),
      call('b', { priority: 0, seq: 4, enteredAt: 0, leftAt: 100, outcome: 'answered', offers: [answeredAt(100)] }),
    ];
    const check = checkOrder(table);
    expect(check.violations).toEqual([]);
    expect(check.percent).toBe(100);
  });

  it('an offer whose ringing ended without an answer leaves the caller waiting again', () => {
    const table = [
      call('vip', {
        priority: 10,
        seq: 1,
        enteredAt: 0,
        leftAt: 600,
        outcome: 'answered',
        offers: [unansweredAt(50, 150), answeredAt(600)],
      }),
      call('normal', {
        priority: 0,
        seq: 2,
        enteredAt: 0,
        leftAt: 300,
        outcome: 'answered',
        offers: [answeredAt(300)],
      }),
    ];
    expect(checkOrder(table).violations).toMatchObject([{ offered: { id: 'normal' }, skipped: { id: 'vip' } }]);
  });

  it('with a slack, a skipped caller rung just after counts as dispatched together', () => {
    const table = [
      call('a', { priority: 0, seq: 1, enteredAt: 0, leftAt: 503, outcome: 'answered', offers: [answeredAt(503)] }),
      call('b', { priority: 0, seq: 2, enteredAt: 10, leftAt: 500, outcome: 'answered', offers: [answeredAt(500)] }),
    ];
    expect(checkOrder(table).percent).toBe(50);
    expect(checkOrder(table, { slackMs: 2 }).percent).toBe(50);
    expect(checkOrder(table, { slackMs: 3 }).percent).toBe(100);
  });

  it('sorts violations by likely cause', () => {
    const table = [
      // passed over: v waited from 0, unrung until 900, while n1 was rung at 100
      call('v', { priority: 10, seq: 1, enteredAt: 0, leftAt: 900, outcome: 'answered', offers: [answeredAt(900)] }),
      call('n1', { priority: 0, seq: 2, enteredAt: 0, leftAt: 100, outcome: 'answered', offers: [answeredAt(100, 5)] }),
      // rung together: n2 rung at 1000, w (ahead) rung 20 ms later
      call('w', {
        priority: 10,
        seq: 3,
        enteredAt: 950,
        leftAt: 1020,
        outcome: 'answered',
        offers: [answeredAt(1020)],
      }),
      call('n2', {
        priority: 0,
        seq: 4,
        enteredAt: 0,
        leftAt: 1000,
        outcome: 'answered',
        offers: [answeredAt(1000, 5)],
      }),
      // arrived after free: the agent was free at 1970 (rung at 2000 after 30 ms); x entered at 1980, rung at 2500
      call('x', {
        priority: 10,
        seq: 5,
        enteredAt: 1980,
        leftAt: 2500,
        outcome: 'answered',
        offers: [answeredAt(2500)],
      }),
      call('n3', {
        priority: 0,
        seq: 6,
        enteredAt: 0,
        leftAt: 2000,
        outcome: 'answered',
        offers: [answeredAt(2000, 30)],
      }),
    ];
    const check = checkOrder(table);
    expect(check.offersChecked - check.offersInOrder).toBe(3);
    expect(check.causes).toEqual({ rungTogether: 1, arrivedAfterFree: 1, passedOver: 1 });
  });

  it('is 100 % with no offers at all', () => {
    expect(checkOrder([call('a', { priority: 0, seq: 1, enteredAt: 0 })]).percent).toBe(100);
  });
});

describe('countOutcomes', () => {
  it('counts answered and abandoned, and everything else placed as failed', () => {
    const table = [
      ...inOrderTable(),
      call('t', { priority: 0, seq: 6, enteredAt: 500, leftAt: 9000, outcome: 'timeout' }),
      call('w', { priority: 0, seq: 7, enteredAt: 600 }),
    ];
    // 9 placed: 7 reached the queue, 2 never did.
    expect(countOutcomes(table, 9)).toEqual({
      placed: 9,
      queued: 7,
      answered: 4,
      abandoned: 1,
      failed: 4,
      byOutcome: { answered: 4, abandoned: 1, timeout: 1, waiting: 1 },
    });
  });
});

describe('freeToRing', () => {
  it('takes p50/p99/max over every known offer and counts the unknown ones', () => {
    expect(freeToRing(inOrderTable())).toEqual({ samples: 4, p50: 3, p99: 40, max: 40, unknown: 1 });
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('waiting callers', () => {
  it('counts callers entered and not yet answered or gone', () => {
    const table = inOrderTable();
    expect(waitingAt(table, 0)).toBe(1);
    expect(waitingAt(table, 450)).toBe(5);
    expect(waitingAt(table, 1000)).toBe(4); // n1 answered at 1000
    expect(waitingAt(table, 1600)).toBe(3); // v1 answered; v2 ringing still counts as waiting
    expect(waitingAt(table, 2600)).toBe(0);
    expect(waitingOver(table, 0, 2000, 1000)).toEqual({ mean: (1 + 4 + 1) / 3, max: 4 });
  });

  it('counts calls answered per second over a window', () => {
    // Answered offers at 1000 (n1), 1500 (v1), 1800 (v2), 2000 (n2).
    expect(answeredPerSecond(inOrderTable(), 1000, 2000)).toBe(4);
    expect(answeredPerSecond(inOrderTable(), 0, 2000)).toBe(2);
  });

  it('gives the wait until answered per priority, highest first', () => {
    const waits = waitsByPriority(inOrderTable());
    expect([...waits.keys()]).toEqual([10, 0]);
    expect(waits.get(10)).toEqual({ samples: 2, p50: 1300, p99: 1400, max: 1400 });
    expect(waits.get(0)).toEqual({ samples: 2, p50: 1000, p99: 1900, max: 1900 });
  });
});
