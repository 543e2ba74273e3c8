// Every namespace of the en catalogue. One file per area of the product, so each can be translated and reviewed alone.
import { common } from './common.ts';
import { layout } from './layout.ts';
import { auth } from './auth.ts';
import { flows } from './flows.ts';
import { editor } from './editor.ts';
import { nodes } from './nodes.ts';
import { diagnostics } from './diagnostics.ts';
import { simulator } from './simulator.ts';
import { calls } from './calls.ts';
import { people } from './people.ts';
import { voicemail } from './voicemail.ts';
import { conferences } from './conferences.ts';
import { queues } from './queues.ts';
import { departments } from './departments.ts';
import { calendars } from './calendars.ts';
import { admin } from './admin.ts';
import { cli } from './cli.ts';
import { flowLanguages } from './flow-languages.ts';
import { languageNode } from './language-node.ts';
import { mobile } from './mobile.ts';
import { staffPhone } from './staff-phone.ts';
import { softphone } from './softphone.ts';

export const enCatalogue = {
  common,
  layout,
  auth,
  flows,
  editor,
  nodes,
  diagnostics,
  simulator,
  calls,
  people,
  voicemail,
  conferences,
  queues,
  departments,
  calendars,
  admin,
  cli,
  flowLanguages,
  languageNode,
  mobile,
  staffPhone,
  softphone,
} as const;
