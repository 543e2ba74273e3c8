import { describe, expect, it } from 'vitest';
import { MemoryVoicemailBoxes } from '../memory-ports.ts';
import { testCallVoicemail } from './test-call-voicemail.ts';

const policy = { maxAttempts: 3, lockMs: 300_000, now: 1_000 };

function realBoxes() {
  const real = new MemoryVoicemailBoxes([{ box: '6002', ownerName: 'Bob', pin: '1234' }]);
  return real;
}

describe('voicemail seen by a test call', () => {
  it('keeps a message left in a test call out of the real box', async () => {
    const real = realBoxes();
    const test = testCallVoicemail(real);
    await test.saveMessage({
      box: '6002',
      callerNumber: '0600',
      callerName: '',
      receivedAt: 5,
      durationMs: 3000,
      audio: new Uint8Array(44),
    });

    expect(test.messages('6002').map((m) => m.callerNumber)).toEqual(['0600']);
    expect(real.messages('6002')).toEqual([]);
  });

  it('hides deletions and heard marks from the real box', async () => {
    const real = realBoxes();
    const id = await real.saveMessage({
      box: '6002',
      callerNumber: '0611',
      callerName: 'Ana',
      receivedAt: 1,
      durationMs: 2000,
      audio: new Uint8Array(44),
    });
    const test = testCallVoicemail(real);

    test.markHeard(id, 10);
    expect(test.messages('6002')[0]?.heard).toBe(true);
    test.deleteMessage(id, 11);
    expect(test.messages('6002')).toEqual([]);

    expect(real.messages('6002').map((m) => [m.id, m.heard])).toEqual([[id, false]]);
  });

  it('locks only the test call after too many wrong PINs, never the real box', async () => {
    const real = realBoxes();
    const test = testCallVoicemail(real);
    expect(await test.checkPin('6002', '0000', policy)).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await test.checkPin('6002', '0000', policy)).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(await test.checkPin('6002', '0000', policy)).toMatchObject({ result: 'locked', lockedNow: true });
    expect(await test.checkPin('6002', '1234', policy)).toMatchObject({ result: 'locked', lockedNow: false });

    expect(await real.checkPin('6002', '1234', policy)).toEqual({ result: 'ok' });
    expect(await testCallVoicemail(real).checkPin('6002', '1234', policy)).toEqual({ result: 'ok' });
    expect(await test.checkPin('7777', '1234', policy)).toEqual({ result: 'no-such-box' });
  });
});
