import { describe, expect, it } from 'vitest';
import { describeProfile, ownerOf, summarizeProfile, type CpuProfile } from './cpu-profile-summary.ts';

const project = '/work/app';
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

// root -> handleEvent (project) -> parse (ari-client); idle and GC on their own. One sample every 1000 µs.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('handleEvent', 'file:///work/app/runtime/ari/connection.ts', 41) },
    { id: 3, callFrame: frame('parse', 'file:///work/app/node_modules/ari-client/lib/client.js', 394) },
    { id: 4, callFrame: frame('emit', 'file:///work/app/node_modules/@scope/events/index.js', 9) },
    { id: 5, callFrame: frame('(idle)', '') },
    { id: 6, callFrame: frame('(garbage collector)', '') },
    { id: 7, callFrame: frame('processTicksAndRejections', 'node:internal/process/task_queues', 71) },
  ],
  startTime: 0,
  endTime: 10_000,
  // Each sample is charged the interval up to the next one; the last one runs to endTime (1000 µs here).
  samples: [3, 3, 3, 2, 2, 4, 6, 7, 5, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('summarizeProfile', () => {
  const summary = summarizeProfile(profile, project);

  it('charges each sample to the function on top, and keeps idle time apart', () => {
    expect(summary.busyMs).toBe(8);
    expect(summary.idleMs).toBe(2);
    expect(summary.functions.map(({ name, selfMs, percent }) => [name, selfMs, percent])).toEqual([
      ['parse ari-client/lib/client.js:395', 3, 37.5],
      ['handleEvent runtime/ari/connection.ts:42', 2, 25],
      ['emit @scope/events/index.js:10', 1, 12.5],
      ['(garbage collector)', 1, 12.5],
      ['processTicksAndRejections node:internal/process/task_queues:72', 1, 12.5],
    ]);
  });

  it('groups by npm package, project file, node itself and native code', () => {
    expect(summary.packages.map(({ name, selfMs }) => [name, selfMs])).toEqual([
      ['ari-client', 3],
      ['runtime/ari/connection.ts', 2],
      ['@scope/events', 1],
      ['(native)', 1],
      ['(node)', 1],
    ]);
  });

  it('keeps the top N of each', () => {
    const short = summarizeProfile(profile, project, { functions: 1, packages: 2 });
    expect(short.functions).toHaveLength(1);
    expect(short.packages).toHaveLength(2);
    expect(describeProfile('runtime', short)).toEqual([
      'runtime: 8 ms busy, 2 ms idle',
      '  top 1 functions by self time:',
      '     37.5 %          3 ms  parse ari-client/lib/client.js:395',
      '  top 2 packages / files by self time:',
      '     37.5 %          3 ms  ari-client',
      '     25.0 %          2 ms  runtime/ari/connection.ts',
    ]);
  });
});

describe('ownerOf', () => {
  it('names the innermost package of nested node_modules', () => {
    expect(ownerOf('file:///p/node_modules/a/node_modules/@x/b/i.js', '/p')).toBe('@x/b');
    expect(ownerOf('/elsewhere/file.js', '/p')).toBe('/elsewhere/file.js');
  });

  it('names a built file under node_modules/.cache by its path there', () => {
    expect(ownerOf('file:///p/node_modules/.cache/bench/app.mjs', '/p')).toBe('.cache/bench/app.mjs');
  });
});
