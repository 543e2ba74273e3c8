import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PromptMedia } from '../call-port.ts';
import type { PromptStore } from '../tts/prompt-store.ts';
import type { RecordedNameStore } from './conference-service.ts';

/**
 * Recorded names kept among the prompt files, addressed by the hash of their audio like rendered prompts: Asterisk
 * fetches them from the same /prompts URL, and a caller who records the same audio twice makes one file.
 */
export function promptFileNameStore(prompts: Pick<PromptStore, 'path' | 'has'>): RecordedNameStore {
  return {
    async save(audio: Uint8Array): Promise<PromptMedia> {
      const hash = createHash('sha256').update(audio).digest('hex').slice(0, 32);
      if (!prompts.has(hash)) {
        const target = prompts.path(hash);
        await mkdir(dirname(target), { recursive: true });
        // Written aside then renamed: Asterisk never fetches half a file.
        const temporary = `${target}.${randomUUID()}.tmp`;
        try {
          await writeFile(temporary, audio);
          await rename(temporary, target);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw error;
        }
      }
      return { kind: 'prompt', hash, text: '(nom enregistré)' };
    },
  };
}
