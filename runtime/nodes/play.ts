import type { PromptMedia } from '../call-port.ts';
import type { NodeDataMap } from '#flows/catalogue.ts';
import { next, type NodeExecutor } from './executor.ts';
import { playMedia } from './speak.ts';

function mediaOf(sound: NodeDataMap['play']['sound']): PromptMedia {
  return sound.kind === 'asterisk' ? { kind: 'sound', name: sound.name } : { kind: 'audio-file', fileId: sound.fileId };
}

/** Plays an Asterisk sound or an uploaded file, without barge-in (it is not a menu). */
export const playExecutor: NodeExecutor<'play'> = {
  async run(node, context) {
    await playMedia(context, mediaOf(node.data.sound), false);
    return next;
  },
};
