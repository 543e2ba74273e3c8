// The call runtime's HTTP server (`npm run runtime`): the prompt and voicemail files Asterisk fetches, and /health.
// Plain node:http rather than Express: three read-only routes do not justify ~12 MB of the call process's memory
// (docs/decisions/023-runtime-efficiency.md). The web app serves the same files through Express (server/app.ts).
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SwitchboardDb } from '#db/client.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { isAllowedHost, otherHostRefusal, type AllowedHost } from './allowed-hosts.ts';
import { PROMPT_CACHE_CONTROL, promptFilePath, VOICEMAIL_CACHE_CONTROL, voicemailFilePath } from './media-files.ts';

export interface RuntimeHttpOptions {
  prompts: PromptStore;
  db: SwitchboardDb;
  allowedHosts: readonly AllowedHost[];
  /** GET /health answers this as JSON. */
  health(): unknown;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

function sendWav(request: IncomingMessage, response: ServerResponse, file: string, cacheControl: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    sendText(response, 404, 'No such audio file');
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'audio/wav',
    'Content-Length': size,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

export function runtimeHttpHandler(options: RuntimeHttpOptions): Handler {
  return (request, response) => {
    const host = request.headers.host;
    const localPort = request.socket.localPort;
    if (!isAllowedHost(host, localPort, options.allowedHosts)) {
      sendText(response, 421, otherHostRefusal(host, localPort));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Only GET and HEAD are served here', { Allow: 'GET, HEAD' });
      return;
    }
    const path = new URL(request.url ?? '/', 'http://runtime').pathname;
    const [, folder, fileName, ...rest] = path.split('/');
    if (path === '/health') {
      const body = JSON.stringify(options.health());
      response.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    if (fileName !== undefined && rest.length === 0 && folder === 'prompts') {
      const file = promptFilePath(options.prompts, fileName);
      if (file) sendWav(request, response, file, PROMPT_CACHE_CONTROL);
      else sendText(response, 404, 'No such prompt');
      return;
    }
    if (fileName !== undefined && rest.length === 0 && folder === 'audio') {
      const file = voicemailFilePath(options.db, fileName);
      if (file && file !== 'not-ours') sendWav(request, response, file, VOICEMAIL_CACHE_CONTROL);
      else sendText(response, 404, 'No such audio file');
      return;
    }
    sendText(response, 404, 'Not found');
  };
}
