// The flow each person's extension runs unless someone redraws it: ring the person, then voicemail (the seed brief's
// behaviour for 6001, 6002 and 6004). Creating a person creates this flow; from then on it is an ordinary flow,
// shown and edited in the designer like any other. flows/examples/person-600x.json are this template's output.
import { FLOW_FORMAT_VERSION, type FlowDocument } from '../document.ts';

export interface PersonalFlowOwner {
  username: string;
  extension: string;
  displayName: string;
  /** The voicemail's language (greeting and built-in sentences). */
  language: string;
}

export const DEFAULT_RING_SECONDS = 10;

/** Node ids allow letters, digits, "_" and "-"; user names may also hold ".". */
function idPart(username: string): string {
  return username.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function personalFlowName(owner: Pick<PersonalFlowOwner, 'displayName' | 'extension'>): string {
  return `${owner.displayName} (${owner.extension})`;
}

export function personalFlowDocument(owner: PersonalFlowOwner, ringSeconds = DEFAULT_RING_SECONDS): FlowDocument {
  const dial = `dial-${idPart(owner.username)}`;
  const voicemail = `vm-${idPart(owner.username)}`;
  const edge = (source: string, sourceBranch: string, target: string) => ({
    id: `${source}.${sourceBranch}`,
    source,
    sourceBranch,
    target,
  });
  return {
    format: FLOW_FORMAT_VERSION,
    name: personalFlowName(owner),
    description: `Le poste de ${owner.username} : sonne ${ringSeconds} secondes, puis la messagerie de la boîte ${owner.extension}.`,
    // A caller of a person's line hears the language of their voicemail.
    language: owner.language,
    numbers: [owner.extension],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 100 }, data: {} },
      {
        id: dial,
        type: 'dial',
        position: { x: 330, y: 100 },
        data: { target: { kind: 'user', username: owner.username }, ringSeconds },
      },
      {
        id: voicemail,
        type: 'voicemail',
        position: { x: 660, y: 180 },
        data: { box: owner.extension, greeting: { kind: 'owner' }, language: owner.language },
      },
      { id: 'end-call', type: 'hangup', position: { x: 990, y: 100 }, data: {} },
    ],
    edges: [
      edge('start', 'next', dial),
      edge(dial, 'answered', 'end-call'),
      // Not answering, busy and unreachable all end in the voicemail: the caller can always leave a message.
      edge(dial, 'no-answer', voicemail),
      edge(dial, 'busy', voicemail),
      edge(dial, 'failed', voicemail),
      edge(voicemail, 'next', 'end-call'),
    ],
  };
}
