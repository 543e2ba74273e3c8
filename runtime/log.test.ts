import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeForLog, log } from './log.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** What the logger writes to stderr while `run` runs, with the log turned on. */
function linesWrittenBy(run: () => void): string[] {
  vi.stubEnv('SWITCHBOARD_LOG', 'debug');
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  run();
  return written.join('').split('\n').slice(0, -1);
}

describe('log', () => {
  it('writes request data with line breaks, NUL and terminal escapes as one escaped line', () => {
    // GIVEN a user name and a caller name an attacker chose
    const forged = 'bob\n2026-12-06T00:00:00.000Z error admin signed in\r\u0000\u001b[2J\u2028\u202e';
    const lines = linesWrittenBy(() => {
      log.warn(`Sign-in refused for ${forged}`, { callerName: forged, path: '/x\u0085y' });
    });
    // THEN the log has one line, and the characters are there as escapes, not as themselves
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Sign-in refused for bob\\n2026-12-06T00:00:00.000Z error admin signed in\\r\\u0000');
    expect(lines[0]).toContain('\\u001b[2J\\u2028\\u202e');
    expect(lines[0]).toContain('/x\\u0085y');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeForLog('Accueil — Société 📞 ok')).toBe('Accueil — Société 📞 ok');
  });

  it('still writes one line when the fields cannot be turned into JSON', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const lines = linesWrittenBy(() => log.error('odd fields', { circular, big: 1n }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('odd fields {"unprintable":');
  });
});
