// An audio file on disk as an HTTP response that a browser's <audio> element can seek in: browsers ask for byte
// ranges ("Range: bytes=1000-") and only offer seeking when the server answers 206 with Accept-Ranges.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

export type ByteRange =
  /** No Range header, or one we choose to ignore (several ranges): send the whole file. */
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  /** A range entirely past the end of the file: 416. */
  | { kind: 'unsatisfiable' };

/**
 * Reads a Range header against a file of `size` bytes (RFC 9110 §14.1.2). Only one range is honoured: a browser
 * playing media never asks for more, and ignoring a multi-range request (answering 200) is allowed.
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (!header) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [, first, last] = match;
  if (first === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'whole' };
  return { kind: 'partial', start, end };
}

/**
 * The file at `file` as `contentType`, whole or the range asked for; null when the file is missing (the caller
 * answers 404). `cacheControl` is the caller's choice: private recordings must not sit in shared caches.
 */
export async function audioFileResponse(
  request: Request,
  file: string,
  options: { contentType: string; cacheControl: string },
): Promise<Response | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const size = info.size;
  const headers = new Headers({
    'Content-Type': options.contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': options.cacheControl,
    'Last-Modified': info.mtime.toUTCString(),
  });
  const range = parseByteRange(request.headers.get('Range'), size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range.kind === 'partial' ? range : { start: 0, end: size - 1 };
  headers.set('Content-Length', String(size === 0 ? 0 : end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  const status = range.kind === 'partial' ? 206 : 200;
  if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
