import type { NodeType } from '#flows/catalogue.ts';
import { branchExecutor } from './branch.ts';
import { businessHoursExecutor } from './business-hours.ts';
import { collectExecutor } from './collect.ts';
import { conferenceExecutor } from './conference.ts';
import { dialExecutor } from './dial.ts';
import type { NodeExecutor } from './executor.ts';
import { gotoExecutor } from './goto.ts';
import { hangupExecutor } from './hangup.ts';
import { languageExecutor } from './language.ts';
import { menuExecutor } from './menu.ts';
import { playExecutor } from './play.ts';
import { queueExecutor } from './queue.ts';
import { sayExecutor } from './say.ts';
import { setExecutor } from './set.ts';
import { startExecutor } from './start.ts';
import { voicemailInboxExecutor } from './voicemail-inbox.ts';
import { voicemailExecutor } from './voicemail.ts';

/** One executor per node type of flows/catalogue.ts; a type added there without one here does not compile. */
export const executors: { [T in NodeType]: NodeExecutor<T> } = {
  start: startExecutor,
  say: sayExecutor,
  play: playExecutor,
  menu: menuExecutor,
  collect: collectExecutor,
  dial: dialExecutor,
  voicemail: voicemailExecutor,
  'voicemail-inbox': voicemailInboxExecutor,
  conference: conferenceExecutor,
  queue: queueExecutor,
  goto: gotoExecutor,
  set: setExecutor,
  language: languageExecutor,
  branch: branchExecutor,
  'business-hours': businessHoursExecutor,
  hangup: hangupExecutor,
};

export function executorFor<T extends NodeType>(type: T): NodeExecutor<T> {
  return executors[type];
}
