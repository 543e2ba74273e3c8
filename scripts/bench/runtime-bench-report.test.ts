import { describe, expect, it } from 'vitest';
import {
  describeGoals,
  goalChecks,
  sideBySideTable,
  zeroFailureCeiling,
  type LevelResult,
  type SystemName,
} from './runtime-bench-report.ts';

const spread = (p50: number, p99: number) => ({ samples: 100, p50, p99 });

function level(
  system: SystemName,
  concurrent: number,
  figures: { failed?: number; nextP99?: number; appCpu?: number; appRss?: number } = {},
): LevelResult {
  return {
    system,
    level: concurrent,
    total: concurrent * 10,
    failed: figures.failed ?? 0,
    inviteTo200: spread(4, 9),
    dtmfToBye: spread(1365, 1359 + (figures.nextP99 ?? 10)),
    nextPrompt: spread(6, figures.nextP99 ?? 10),
    asterisk: { cpuPercentOfCore: 20, peakRssMb: 150 },
    app: system === 'native' ? null : { cpuPercentOfCore: figures.appCpu ?? 10, peakRssMb: figures.appRss ?? 100 },
    ariPerCall: system === 'minimal' ? { requests: 6, events: 16 } : null,
    seconds: 70,
  };
}

describe('zeroFailureCeiling', () => {
  it('is the highest level held before the first failure', () => {
    expect(zeroFailureCeiling([level('native', 400), level('native', 200), level('native', 600, { failed: 3 })])).toBe(
      400,
    );
    expect(zeroFailureCeiling([level('runtime', 200, { failed: 1 })])).toBe(0);
    expect(zeroFailureCeiling([])).toBe(0);
  });
});

describe('goalChecks', () => {
  const goal = (results: LevelResult[], runtimeRestRssMb: number | null = 100) =>
    goalChecks({ results, runtimeRestRssMb, maxLevel: 1500 });

  it('meets every goal when the runtime keeps up with native and the minimal app', () => {
    const results = [
      level('native', 1000),
      level('native', 1500),
      level('runtime', 1000, { nextP99: 25, appCpu: 24, appRss: 180 }),
      level('runtime', 1500, { nextP99: 28, appCpu: 36 }),
      level('minimal', 1000, { appCpu: 20 }),
      level('minimal', 1500, { appCpu: 30 }),
    ];
    expect(goal(results).map((check) => check.met)).toEqual([true, true, true, true, true]);
    expect(describeGoals(goal(results))).toEqual([
      '- [MET] zero-failure ceiling runtime / native ≥ 0.9: 1500 / 1500 = 1.00 (native held the highest level tried: its ceiling may be higher)',
      '- [MET] runtime CPU per concurrent call / minimal app’s ≤ 1.2 (each level both held): 1000: 1.20, 1500: 1.20',
      '- [MET] runtime RSS at rest < 120 MB: 100 MB',
      '- [MET] runtime RSS at 1000 concurrent calls < 200 MB: 180 MB peak',
      '- [MET] DTMF→next prompt p99 runtime − native ≤ 20 ms (levels both held): 1000: +15 ms, 1500: +18 ms',
    ]);
  });

  it('misses what the figures miss, and judges CPU and latency only where both held', () => {
    const results = [
      level('native', 1000),
      level('native', 1500),
      level('runtime', 1000, { nextP99: 60, appCpu: 40, appRss: 406 }),
      level('runtime', 1500, { failed: 381, appCpu: 99 }),
      level('minimal', 1000, { appCpu: 20 }),
      level('minimal', 1500, { failed: 25 }),
    ];
    const checks = goal(results, 250);
    expect(checks.map((check) => check.met)).toEqual([false, false, false, false, false]);
    expect(checks[0]!.measured).toMatch(/^1000 \/ 1500 = 0\.67/);
    expect(checks[1]!.measured).toBe('1000: 2.00');
    expect(checks[4]!.measured).toBe('1000: +50 ms');
  });

  it('says what it could not judge', () => {
    const checks = goal([level('runtime', 200)], null);
    expect(checks.map((check) => check.met)).toEqual([null, null, null, null, null]);
    expect(checks.map((check) => check.measured)).toEqual([
      'native held no level',
      'no level held by both',
      'not measured',
      'level 1000 not run',
      'no level held by both',
    ]);
  });
});

describe('sideBySideTable', () => {
  it('has a row per level run and a dash where a system did not run it', () => {
    const table = sideBySideTable(
      [level('native', 200), level('native', 400), level('runtime', 200), level('minimal', 200)],
      [200, 400, 600],
    ).split('\n');
    expect(table).toHaveLength(4);
    expect(table[0]).toBe('| concurrent calls | native dialplan | Switchboard runtime | minimal ARI app |');
    expect(table[2]).toContain(
      '| 200 | 0/2000 failed; INVITE→200 4/9 ms; DTMF→next 6/10 ms; Asterisk CPU 20 %, RSS 150 MB |',
    );
    expect(table[2]).toContain('app CPU 10 %, RSS 100 MB; ARI n/a |');
    expect(table[2]).toContain('ARI 6.0 req + 16.0 ev/call |');
    expect(table[3]).toMatch(/^\| 400 \| 0\/4000 failed;.* \| — \| — \|$/);
  });
});
