import { sentenceFor } from '#flows/languages.ts';
import type { PromptTranslation } from '#flows/nodes/shared.ts';
import type { PlayResult, PromptMedia } from '../call-port.ts';
import type { PromptSpec } from '../ports.ts';
import type { ExecutionContext } from './executor.ts';

/** Who speaks to the caller, and in which language: the call's (runtime/nodes/executor.ts, `language`). */
type Speaker = Pick<ExecutionContext, 'call' | 'prompts' | 'signal' | 'record' | 'language'>;

/** A sentence, possibly with the same words in other languages (a flow prompt's `translations`). */
export type SpeakablePrompt = PromptSpec & { translations?: Readonly<Record<string, PromptTranslation>> | undefined };

/** What a prompt-played event says about the media, so call history shows what the caller heard. */
export function describeMedia(media: PromptMedia): Record<string, unknown> {
  switch (media.kind) {
    case 'prompt':
      return { text: media.text, hash: media.hash };
    case 'sound':
      return { sound: media.name };
    case 'audio-file':
      return { fileId: media.fileId };
  }
}

export interface PlayOptions {
  /**
   * The prompt leads into a secret entry (a PIN): a key that interrupts it is the secret's first digit, so the event
   * says only that a key interrupted it, never which.
   */
  secret?: boolean;
}

/** Plays media and records a prompt-played event with its outcome (finished, interrupted by a key, failed). */
export async function playMedia(
  speaker: Speaker,
  media: PromptMedia,
  bargeIn: boolean,
  options: PlayOptions = {},
): Promise<PlayResult> {
  const result = await speaker.call.play(media, { bargeIn, signal: speaker.signal });
  // A playback cut by the caller's hang-up is not a failed prompt: end like every other wait does on a hang-up.
  if (result.outcome === 'failed' && speaker.call.hangupSignal.aborted) throw speaker.call.hangupSignal.reason;
  const outcome =
    result.outcome === 'interrupted'
      ? options.secret
        ? { outcome: 'interrupted', secret: true }
        : { outcome: 'interrupted', digit: result.digit }
      : result.outcome === 'failed'
        ? { outcome: 'failed', reason: result.reason }
        : { outcome: 'finished' };
  speaker.record({ kind: 'prompt-played', detail: { ...describeMedia(media), ...outcome } });
  return result;
}

/**
 * Says a prompt in the speaker's language when it has it (else its own text: flows/languages.ts), turned into audio
 * (normally a cache hit: published prompts were rendered at publish time, in each of their languages), and plays it.
 * Choosing here, once, means no executor can forget to follow the caller's language.
 */
export async function speak(
  speaker: Speaker,
  prompt: SpeakablePrompt,
  bargeIn = false,
  options: PlayOptions = {},
): Promise<PlayResult> {
  const media = await speaker.prompts.prepare(sentenceFor(prompt, speaker.language), speaker.signal);
  return playMedia(speaker, media, bargeIn, options);
}
