// Turns what a flow wants played into the media URI Asterisk's Play understands. Prompts and uploaded files are served
// by Switchboard over HTTP; Asterisk fetches them through res_http_media_cache ("sound:http://..."), which only
// accepts 8 kHz 16-bit mono .wav (see /work/shared/asterisk-sandbox.md (d)): the TTS layer renders exactly that.
import type { PromptMedia } from '#runtime/call-port.ts';

export interface MediaLocations {
  /** Where rendered prompts are served, e.g. http://127.0.0.1:3000/prompts -> <base>/<hash>.wav */
  promptBaseUrl: string;
  /** Where uploaded audio files are served, e.g. http://127.0.0.1:3000/audio -> <base>/<fileId>.wav */
  audioBaseUrl: string;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_\-/.]*$/;

export function mediaUri(media: PromptMedia, where: MediaLocations): string {
  switch (media.kind) {
    case 'prompt':
      return `sound:${trimSlash(where.promptBaseUrl)}/${safeSegment(media.hash, 'prompt hash')}.wav`;
    case 'audio-file':
      return `sound:${trimSlash(where.audioBaseUrl)}/${safeSegment(media.fileId, 'audio file id')}.wav`;
    case 'sound':
      // A sound name is looked up in Asterisk's sounds folder; ".." would escape it.
      if (!SAFE_NAME.test(media.name) || media.name.includes('..')) {
        throw new Error(
          `Invalid Asterisk sound name "${media.name}": use letters, digits, _ - / . (e.g. "hello-world")`,
        );
      }
      return `sound:${media.name}`;
  }
}

function safeSegment(value: string, what: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(value))
    throw new Error(`Invalid ${what} "${value}": only letters, digits, _ and - are allowed`);
  return value;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
