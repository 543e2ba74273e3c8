import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { promptFileNameStore } from './prompt-name-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function promptDir() {
  const dir = mkdtempSync(join(tmpdir(), 'names-'));
  dirs.push(dir);
  const path = (hash: string) => join(dir, `${hash}.wav`);
  const has = (hash: string) => {
    try {
      readFileSync(path(hash));
      return true;
    } catch {
      return false;
    }
  };
  return { dir, path, has };
}

describe('recorded names among the prompt files', () => {
  it('stores the audio under the hash of its content and hands back a prompt media', async () => {
    // GIVEN a prompt folder
    const prompts = promptDir();
    const store = promptFileNameStore(prompts);
    const audio = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
    // WHEN a name is saved twice
    const first = await store.save(audio);
    const second = await store.save(audio);
    // THEN one file holds it, named like a prompt, and both saves point at it
    expect(first).toEqual(second);
    expect(first.kind).toBe('prompt');
    const hash = first.kind === 'prompt' ? first.hash : '';
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect([...readFileSync(prompts.path(hash))]).toEqual([...audio]);
  });
});
