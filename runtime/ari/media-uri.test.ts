import { describe, expect, it } from 'vitest';
import { mediaUri } from './media-uri.ts';

const where = { promptBaseUrl: 'http://127.0.0.1:3000/prompts/', audioBaseUrl: 'http://127.0.0.1:3000/audio' };

describe('mediaUri', () => {
  it('points prompts and uploaded files at Switchboard over HTTP, as 8 kHz .wav', () => {
    expect(mediaUri({ kind: 'prompt', hash: 'ab12cd', text: 'Hello' }, where)).toBe(
      'sound:http://127.0.0.1:3000/prompts/ab12cd.wav',
    );
    expect(mediaUri({ kind: 'audio-file', fileId: 'f_01' }, where)).toBe('sound:http://127.0.0.1:3000/audio/f_01.wav');
  });

  it('plays Asterisk sounds by name', () => {
    expect(mediaUri({ kind: 'sound', name: 'hello-world' }, where)).toBe('sound:hello-world');
    expect(mediaUri({ kind: 'sound', name: 'digits/1' }, where)).toBe('sound:digits/1');
  });

  it('refuses names that would escape their folder or break the URI', () => {
    expect(() => mediaUri({ kind: 'sound', name: '../../etc/passwd' }, where)).toThrow(/Invalid Asterisk sound name/);
    expect(() => mediaUri({ kind: 'prompt', hash: 'a/b', text: '' }, where)).toThrow(/Invalid prompt hash/);
    expect(() => mediaUri({ kind: 'audio-file', fileId: 'x?y' }, where)).toThrow(/Invalid audio file id/);
  });
});
