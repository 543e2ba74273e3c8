import { describe, expect, it } from 'vitest';
import { personDevices, personDialString, personLineInUse, personOfDialString } from './person-dial.ts';

describe('personDialString', () => {
  it('rings every device of the person through switchboard-person, without Local optimisation', () => {
    expect(personDialString('bob')).toBe('Local/bob@switchboard-person/n');
    expect(personDialString('j.doe')).toBe('Local/j.doe@switchboard-person/n');
  });

  it('reads the person back from the dial string, and nobody from any other', () => {
    expect(personOfDialString(personDialString('a-b_c'))).toBe('a-b_c');
    expect(personOfDialString('PJSIP/bob')).toBeNull();
    expect(personOfDialString('Local/6001@stasis/n')).toBeNull();
  });
});

describe('personLineInUse', () => {
  const states = (map: Record<string, string | Error>) => async (device: string) => {
    const state = map[device];
    if (state instanceof Error) throw state;
    return state ?? 'INVALID';
  };

  it('asks the desk phone and the browser device', () => {
    expect(personDevices('bob')).toEqual(['PJSIP/bob', 'PJSIP/bob~web']);
  });

  it('is in use when either device is', async () => {
    expect(await personLineInUse('bob', states({ 'PJSIP/bob': 'NOT_INUSE', 'PJSIP/bob~web': 'INUSE' }))).toBe(true);
    expect(await personLineInUse('bob', states({ 'PJSIP/bob': 'RINGING', 'PJSIP/bob~web': 'INVALID' }))).toBe(true);
    expect(await personLineInUse('bob', states({ 'PJSIP/bob': 'NOT_INUSE', 'PJSIP/bob~web': 'UNAVAILABLE' }))).toBe(
      false,
    );
  });

  it('ignores a device Asterisk cannot tell about, and fails only when none answers', async () => {
    const down = new Error('ARI down');
    expect(await personLineInUse('bob', states({ 'PJSIP/bob': 'BUSY', 'PJSIP/bob~web': down }))).toBe(true);
    expect(await personLineInUse('bob', states({ 'PJSIP/bob': down, 'PJSIP/bob~web': 'NOT_INUSE' }))).toBe(false);
    await expect(personLineInUse('bob', states({ 'PJSIP/bob': down, 'PJSIP/bob~web': down }))).rejects.toBe(down);
  });
});
