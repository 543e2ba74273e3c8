import { describe, expect, it } from 'vitest';
import {
  distribution,
  minus,
  parseLevels,
  parseRttCsv,
  parseSippStats,
  pcapDurationMs,
  percentile,
  sustainedLoad,
} from './runtime-bench-metrics.ts';

describe('percentile', () => {
  it('takes the nearest rank of ascending values', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('sorts before ranking, and subtracts a floor', () => {
    expect(distribution([30, 10, 20])).toEqual({ samples: 3, p50: 20, p99: 30 });
    expect(minus([1400, 1359], 1359)).toEqual([41, 0]);
  });
});

describe('sipp files', () => {
  it('splits the rtt trace into its two timers', () => {
    const csv = 'Date_ms;response_time_ms;rtd_no\n512.001;8;1\n1008;4;1\n5880;1364;2\n6376;1360;2\n';
    expect(parseRttCsv(csv)).toEqual({ inviteTo200: [8, 4], dtmfToBye: [1364, 1360] });
  });

  it('refuses a file that is not an rtt trace', () => {
    expect(() => parseRttCsv('StartTime;LastResetTime\n1;2\n')).toThrow(/not a sipp rtt file/);
  });

  it('reads the last cumulative counts of the statistics file', () => {
    const header = 'StartTime;ElapsedTime(C);SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C)';
    const csv = `${header}\nt0;00:00:01;2;2;0;0;\nt1;00:00:02;3;5;1;1;\n`;
    expect(parseSippStats(csv)).toEqual({ successful: 5, failed: 1 });
    expect(() => parseSippStats(header)).toThrow(/no data line/);
  });
});

describe('pcapDurationMs', () => {
  /** A little-endian microsecond pcap with one 4-byte packet at each time (ms). */
  function pcap(timesMs: number[]): Buffer {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    const packets = timesMs.map((ms) => {
      const record = Buffer.alloc(20);
      record.writeUInt32LE(Math.floor(ms / 1000), 0);
      record.writeUInt32LE((ms % 1000) * 1000, 4);
      record.writeUInt32LE(4, 8);
      record.writeUInt32LE(4, 12);
      return record;
    });
    return Buffer.concat([header, ...packets]);
  }

  it('measures first to last packet', () => {
    expect(pcapDurationMs(pcap([1000, 1020, 1140]))).toBe(140);
    expect(pcapDurationMs(pcap([5]))).toBe(0);
  });

  it('refuses a file that is not a pcap', () => {
    expect(() => pcapDurationMs(Buffer.alloc(24))).toThrow(/not a pcap/);
  });
});

describe('sustainedLoad', () => {
  it('keeps N calls up: N new calls per call duration for the whole time', () => {
    expect(sustainedLoad(200, 60, 5600)).toEqual({ callsPerPeriod: 200, periodMs: 5600, totalCalls: 2143 });
  });

  it('places at least one round of N calls', () => {
    expect(sustainedLoad(100, 1, 5600).totalCalls).toBe(100);
  });
});

describe('parseLevels', () => {
  it('reads a comma list, ascending and without repeats', () => {
    expect(parseLevels('400, 200,400')).toEqual([200, 400]);
  });

  it('refuses anything but positive whole numbers', () => {
    expect(() => parseLevels('200,abc')).toThrow(/BENCH_LEVELS/);
    expect(() => parseLevels('0')).toThrow(/BENCH_LEVELS/);
  });
});
