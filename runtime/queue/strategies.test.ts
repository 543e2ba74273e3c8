import { describe, expect, it } from 'vitest';
import { chooseAgents, type Candidate } from './strategies.ts';

const agent = (username: string, order: number, extra: Partial<Candidate> = {}): Candidate => ({
  username,
  order,
  penalty: 0,
  lastCallEndedAt: null,
  callsTaken: 0,
  ...extra,
});
const names = (chosen: Candidate[]) => chosen.map((candidate) => candidate.username);

describe('chooseAgents (app_queue strategies)', () => {
  const team = [agent('ann', 0), agent('ben', 1), agent('cat', 2, { penalty: 1 })];

  it('ring-all rings every agent of the lowest penalty tier at once', () => {
    expect(names(chooseAgents('ring-all', team, { lastRungOrder: null }))).toEqual(['ann', 'ben']);
    expect(names(chooseAgents('ring-all', [team[2]!], { lastRungOrder: null }))).toEqual(['cat']);
  });

  it('linear always starts from the top of the member list', () => {
    expect(names(chooseAgents('linear', team, { lastRungOrder: 0 }))).toEqual(['ann']);
  });

  it('round-robin goes on after the agent rung last, and wraps around', () => {
    expect(names(chooseAgents('round-robin', team, { lastRungOrder: null }))).toEqual(['ann']);
    expect(names(chooseAgents('round-robin', team, { lastRungOrder: 0 }))).toEqual(['ben']);
    expect(names(chooseAgents('round-robin', team, { lastRungOrder: 1 }))).toEqual(['ann']);
  });

  it('longest-idle rings a never-rung agent first, then the one whose last call ended longest ago', () => {
    const idle = [agent('ann', 0, { lastCallEndedAt: 500 }), agent('ben', 1, { lastCallEndedAt: 100 })];
    expect(names(chooseAgents('longest-idle', idle, { lastRungOrder: null }))).toEqual(['ben']);
    expect(names(chooseAgents('longest-idle', [...idle, agent('dan', 3)], { lastRungOrder: null }))).toEqual(['dan']);
  });

  it('fewest-calls rings the agent who took the fewest calls', () => {
    const busy = [agent('ann', 0, { callsTaken: 4 }), agent('ben', 1, { callsTaken: 2 })];
    expect(names(chooseAgents('fewest-calls', busy, { lastRungOrder: null }))).toEqual(['ben']);
  });

  it('random picks within the lowest tier; weighted-random favours low penalties over the whole team', () => {
    expect(names(chooseAgents('random', team, { lastRungOrder: null }, () => 0.99))).toEqual(['ben']);
    const picks = new Map<string, number>();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const weighted = [agent('ann', 0), agent('zed', 1, { penalty: 9 })];
    for (let i = 0; i < 2000; i++) {
      const [chosen] = chooseAgents('weighted-random', weighted, { lastRungOrder: null }, random);
      picks.set(chosen!.username, (picks.get(chosen!.username) ?? 0) + 1);
    }
    expect(picks.get('ann')!).toBeGreaterThan(picks.get('zed')! * 3);
    expect(picks.get('zed')!).toBeGreaterThan(0);
  });

  it('rings nobody when nobody is free', () => {
    expect(chooseAgents('ring-all', [], { lastRungOrder: null })).toEqual([]);
  });
});
