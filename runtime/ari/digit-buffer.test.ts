import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallerHungUp } from '#runtime/call-port.ts';
import { DigitBuffer, readDigits } from './digit-buffer.ts';

const never = new AbortController().signal;
const request = (overrides: Partial<Parameters<typeof readDigits>[1]> = {}) => ({
  maxDigits: 4,
  terminator: '#',
  firstDigitTimeoutMs: 5000,
  interDigitTimeoutMs: 3000,
  signal: never,
  ...overrides,
});

describe('readDigits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts with keys pressed earlier (barge-in) and leaves keys after the end buffered', async () => {
    const buffer = new DigitBuffer();
    for (const key of '12#9') buffer.push(key);
    await expect(readDigits(buffer, request())).resolves.toEqual({ digits: '12', ended: 'terminator' });
    expect(buffer.pending).toBe('9');
  });

  it('ends at maxDigits', async () => {
    const buffer = new DigitBuffer();
    const reading = readDigits(buffer, request({ maxDigits: 2 }));
    buffer.push('4');
    buffer.push('2');
    buffer.push('7');
    await expect(reading).resolves.toEqual({ digits: '42', ended: 'max-digits' });
    expect(buffer.pending).toBe('7');
    expect(buffer.listenerCount).toBe(0);
  });

  it('times out on the first digit, then on the gap between digits', async () => {
    const buffer = new DigitBuffer();
    const silent = readDigits(buffer, request());
    await vi.advanceTimersByTimeAsync(4999);
    buffer.push('5');
    await vi.advanceTimersByTimeAsync(2999);
    buffer.push('6');
    await vi.advanceTimersByTimeAsync(3000);
    await expect(silent).resolves.toEqual({ digits: '56', ended: 'timeout' });

    const nothing = readDigits(buffer, request());
    await vi.advanceTimersByTimeAsync(5000);
    await expect(nothing).resolves.toEqual({ digits: '', ended: 'timeout' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the hang-up reason and removes its listener and timer', async () => {
    const buffer = new DigitBuffer();
    const hangup = new AbortController();
    const reading = readDigits(buffer, request(), [hangup.signal]);
    hangup.abort(new CallerHungUp());
    await expect(reading).rejects.toBeInstanceOf(CallerHungUp);
    expect(buffer.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('validates the request', () => {
    const buffer = new DigitBuffer();
    expect(() => readDigits(buffer, request({ maxDigits: 0 }))).toThrow(/maxDigits/);
    expect(() => readDigits(buffer, request({ terminator: '##' }))).toThrow(/terminator/);
    expect(() => readDigits(buffer, request({ interDigitTimeoutMs: -1 }))).toThrow(/interDigitTimeoutMs/);
  });

  it('ignores anything that is not a DTMF key', () => {
    const buffer = new DigitBuffer();
    buffer.push('x');
    buffer.push('');
    buffer.push('*');
    expect(buffer.pending).toBe('*');
  });
});
