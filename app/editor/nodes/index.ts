import type { NodeDataMap, NodeType } from '#flows/catalogue.ts';
import { branchEditor } from './branch.tsx';
import { businessHoursEditor } from './business-hours.tsx';
import { collectEditor } from './collect.tsx';
import { conferenceEditor } from './conference.tsx';
import { dialEditor } from './dial.tsx';
import { gotoEditor } from './goto.tsx';
import { hangupEditor } from './hangup.tsx';
import { languageEditor } from './language.tsx';
import { menuEditor } from './menu.tsx';
import type { NodeEditor } from './node-editor.ts';
import { playEditor } from './play.tsx';
import { queueEditor } from './queue.tsx';
import { sayEditor } from './say.tsx';
import { setEditor } from './set.tsx';
import { startEditor } from './start.tsx';
import { voicemailInboxEditor } from './voicemail-inbox.tsx';
import { voicemailEditor } from './voicemail.tsx';

export type { InspectorProps, NodeEditor } from './node-editor.ts';

/** One editor per node type of flows/catalogue.ts: a type added there without an editor here fails to compile. */
export const nodeEditors: { [T in NodeType]: NodeEditor<T> } = {
  start: startEditor,
  say: sayEditor,
  play: playEditor,
  menu: menuEditor,
  collect: collectEditor,
  dial: dialEditor,
  voicemail: voicemailEditor,
  'voicemail-inbox': voicemailInboxEditor,
  conference: conferenceEditor,
  queue: queueEditor,
  goto: gotoEditor,
  set: setEditor,
  language: languageEditor,
  branch: branchEditor,
  'business-hours': businessHoursEditor,
  hangup: hangupEditor,
};

/** The canvas summary of a node's data, for a type known only at run time. */
export function summaryOf<T extends NodeType>(type: T, data: NodeDataMap[T]): string {
  return nodeEditors[type].summary(data);
}
