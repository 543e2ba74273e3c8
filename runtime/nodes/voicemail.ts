import { spokenGreetingOf } from '#flows/nodes/voicemail.ts';
import type { PromptSpec } from '../ports.ts';
import { voicemailSentences } from '../voicemail/voicemail-prompts.ts';
import { next, type NodeExecutor } from './executor.ts';
import { nodeMessagesLanguage, voiceFor } from './node-language.ts';
import { playMedia, speak } from './speak.ts';

/**
 * Leaves a message: greeting (the owner's recording, the node's text, or the spoken default naming the owner), beep,
 * record until # / silence / the maximum, then store it with who called and when. A caller who hangs up while
 * speaking still leaves the message; one shorter than minSeconds (hung up at the beep) is discarded.
 */
export const voicemailExecutor: NodeExecutor<'voicemail'> = {
  async run(node, context) {
    const { data } = node;
    const box = context.voicemail.box(data.box);
    if (!box) throw new Error(`Voicemail box ${data.box} does not exist (no person has extension ${data.box})`);
    const { sentences, language } = voicemailSentences(nodeMessagesLanguage(context, data.language));
    const spoken = (text: string): PromptSpec => ({ text, language, ...voiceFor(language, data) });

    context.call.clearDigits();
    // # during the greeting skips it, as callers expect; the key itself must not end the recording at once.
    const written = spokenGreetingOf(data);
    if (written) await speak(context, written, true);
    else if (box.greeting) await playMedia(context, box.greeting, true);
    else await speak(context, spoken(sentences.defaultGreeting(box.ownerName)), true);
    context.call.clearDigits();

    context.record({ kind: 'note', detail: { voicemail: 'recording', box: box.box } });
    // The message's time is when the caller started speaking, as the inbox announces it.
    const receivedAt = Date.now();
    const recording = await context.call.record({
      maxSeconds: data.maxSeconds,
      silenceSeconds: data.silenceSeconds,
      beep: data.beep,
      terminator: '#',
      signal: context.signal,
    });
    const callerGone = recording.ended === 'hung-up';
    const detail = { voicemail: 'recorded', box: box.box, ended: recording.ended, durationMs: recording.durationMs };
    if (!recording.audio || recording.durationMs < data.minSeconds * 1000) {
      context.record({ kind: 'note', detail: { ...detail, discarded: 'too short' } });
      return next;
    }
    const messageId = await context.voicemail.saveMessage({
      box: box.box,
      callerNumber: context.call.caller.number,
      callerName: context.call.caller.name,
      receivedAt,
      durationMs: recording.durationMs,
      audio: recording.audio,
      channelId: context.call.id,
    });
    // Written even after a hangup (the session has closed the call by then), so history shows the message was left.
    context.record({ kind: 'note', detail: { ...detail, messageId } });
    if (callerGone) return next;
    await speak(context, spoken(sentences.messageSaved));
    return next;
  },
};
