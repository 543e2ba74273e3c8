import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audioFileResponse, parseByteRange } from './audio-file-response.server.ts';

describe('parseByteRange', () => {
  it.each([
    [null, { kind: 'whole' }],
    ['bytes=0-', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=10-19', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-500', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-30', { kind: 'partial', start: 70, end: 99 }],
    ['bytes=-500', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['bytes=20-10', { kind: 'whole' }],
    ['items=0-5', { kind: 'whole' }],
  ] as const)('reads %s against 100 bytes', (header, expected) => {
    expect(parseByteRange(header, 100)).toEqual(expected);
  });
});

describe('audioFileResponse', () => {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-audio-range-'));
  const file = join(folder, 'message.wav');
  writeFileSync(file, Buffer.from(Array.from({ length: 100 }, (_, i) => i)));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const options = { contentType: 'audio/wav', cacheControl: 'private, no-store' };

  it('sends the whole file with Accept-Ranges, or the asked range as 206', async () => {
    const whole = (await audioFileResponse(new Request('http://x/a'), file, options))!;
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes');
    expect(whole.headers.get('Content-Length')).toBe('100');
    expect((await whole.arrayBuffer()).byteLength).toBe(100);

    const part = (await audioFileResponse(
      new Request('http://x/a', { headers: { Range: 'bytes=10-13' } }),
      file,
      options,
    ))!;
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe('bytes 10-13/100');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([10, 11, 12, 13]);
  });

  it('answers 416 past the end and null for a missing file', async () => {
    const past = (await audioFileResponse(
      new Request('http://x/a', { headers: { Range: 'bytes=200-' } }),
      file,
      options,
    ))!;
    expect(past.status).toBe(416);
    expect(past.headers.get('Content-Range')).toBe('bytes */100');
    expect(await audioFileResponse(new Request('http://x/a'), join(folder, 'gone.wav'), options)).toBeNull();
  });
});
