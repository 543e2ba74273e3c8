// The figures of `npm run bench:runtime` that need no Asterisk: sipp's output files read, percentiles, the sustained
// load of a level, the length of a key press in a pcap. No I/O: runtime-bench-metrics.test.ts checks them on
// hand-made input.

export interface Distribution {
  samples: number;
  p50: number;
  p99: number;
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Each value minus `floor`: DTMF→BYE minus (key + short prompt) is the time to the next prompt plus the hang-up. */
export const minus = (values: readonly number[], floor: number): number[] => values.map((value) => value - floor);

export interface SippTimers {
  /** rtd 1 of tests/sipp/bench-menu-key2.xml: INVITE sent -> 200 OK received, ms. */
  inviteTo200: number[];
  /** rtd 2: the key starts -> the far side's BYE received, ms. */
  dtmfToBye: number[];
}

/**
 * sipp -trace_rtt -rtt_freq 1 writes <scenario>_<pid>_rtt.csv: a header "Date_ms;response_time_ms;rtd_no", then one
 * line per timer stopped (ms since sipp started; the timer's value in ms; the timer's number).
 */
export function parseRttCsv(text: string): SippTimers {
  const timers: SippTimers = { inviteTo200: [], dtmfToBye: [] };
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').split(';');
  const valueColumn = header.indexOf('response_time_ms');
  const timerColumn = header.indexOf('rtd_no');
  if (valueColumn < 0 || timerColumn < 0) throw new Error(`not a sipp rtt file (header "${header.join(';')}")`);
  for (const line of lines) {
    const fields = line.split(';');
    const value = Number(fields[valueColumn]);
    if (!Number.isFinite(value)) continue;
    const timer = fields[timerColumn]?.trim();
    if (timer === '1') timers.inviteTo200.push(value);
    else if (timer === '2') timers.dtmfToBye.push(value);
  }
  return timers;
}

export interface SippCounts {
  successful: number;
  failed: number;
}

/** The last line of sipp's -trace_stat file (";"-separated, cumulative counters end in "(C)"). */
export function parseSippStats(text: string): SippCounts {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) throw new Error('the sipp statistics file has no data line');
  const header = lines[0]!.split(';');
  const last = lines.at(-1)!.split(';');
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`the sipp statistics file has no ${name} column`);
    return Number(last[index]);
  };
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}

/** How long a capture lasts (first to last packet, ms): a classic little- or big-endian pcap file. */
export function pcapDurationMs(file: Uint8Array): number {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const magic = bytes.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!littleEndian && bytes.readUInt32BE(0) !== 0xa1b2c3d4 && bytes.readUInt32BE(0) !== 0xa1b23c4d)
    throw new Error('not a pcap file');
  const nanoseconds = (littleEndian ? magic : bytes.readUInt32BE(0)) === 0xa1b23c4d;
  const read = (offset: number) => (littleEndian ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
  const times: number[] = [];
  for (let offset = 24; offset + 16 <= bytes.length;) {
    const fraction = read(offset + 4);
    times.push(read(offset) * 1000 + (nanoseconds ? fraction / 1e6 : fraction / 1e3));
    offset += 16 + read(offset + 8);
  }
  return times.length < 2 ? 0 : Math.round(times.at(-1)! - times[0]!);
}

export interface SustainedLoad {
  /** sipp -r with -rp callMs: `concurrent` new calls per call duration keeps `concurrent` calls up. */
  callsPerPeriod: number;
  periodMs: number;
  /** sipp -m: the calls that arrive in `seconds` at that rate. */
  totalCalls: number;
}

/** Calls arriving at concurrent/callMs for `seconds` (Little's law: about `concurrent` at once once ramped up). */
export function sustainedLoad(concurrent: number, seconds: number, callMs: number): SustainedLoad {
  return {
    callsPerPeriod: concurrent,
    periodMs: Math.round(callMs),
    totalCalls: Math.max(concurrent, Math.round((concurrent * seconds * 1000) / callMs)),
  };
}

/** "200,400,600" -> [200, 400, 600]: positive whole numbers, ascending, no repeats. */
export function parseLevels(raw: string): number[] {
  const levels = raw.split(',').map((part) => Number(part.trim()));
  if (levels.length === 0 || levels.some((level) => !Number.isInteger(level) || level <= 0))
    throw new Error(`BENCH_LEVELS="${raw}" must be a comma-separated list of positive whole numbers`);
  return [...new Set(levels)].sort((a, b) => a - b);
}
