import type { ParseKeys } from 'i18next';
import type { Translate } from '#i18n/translator.ts';
import type { NodeType } from './catalogue.ts';
import type { BranchSpec, NodeCategory } from './node-definition.ts';

// What staff read about node types, in their language (i18n/catalogues/<language>/nodes.ts). Definitions hold no
// sentences: a branch's label is a message (a catalogue key and its values), turned into words where it is shown.

/** A sentence of the `nodes` catalogue and its values; a value may itself be such a message. */
export interface NodeMessage {
  key: ParseKeys<'nodes'>;
  values?: Readonly<Record<string, string | number | NodeMessage>>;
}

export function nodeMessage(key: NodeMessage['key'], values?: NodeMessage['values']): NodeMessage {
  return values ? { key, values } : { key };
}

export function renderNodeMessage(message: NodeMessage, t: Translate): string {
  const values = Object.fromEntries(
    Object.entries(message.values ?? {}).map(([name, value]) => [
      name,
      typeof value === 'object' ? renderNodeMessage(value, t) : value,
    ]),
  );
  return String(t(`nodes:${message.key}` as never, values as never));
}

/** "Menu", "Saisie de chiffres"... */
export function nodeTitle(type: NodeType, t: Translate): string {
  return String(t(`nodes:${type}.title`));
}

/** One sentence for the palette's tooltip and the inspector. */
export function nodeSummary(type: NodeType, t: Translate): string {
  return String(t(`nodes:${type}.summary`));
}

/** Each category's key in the catalogues, in the order the palette shows them. */
export const CATEGORY_KEYS = {
  start: 'start',
  prompts: 'prompts',
  'caller input': 'callerInput',
  people: 'people',
  conference: 'conference',
  logic: 'logic',
} as const satisfies Record<NodeCategory, string>;

export function categoryTitle(category: NodeCategory, t: Translate): string {
  return String(t(`nodes:categories.${CATEGORY_KEYS[category]}`));
}

/** "Touche 1", "No answer": what a branch's handle and messages call it. */
export function branchLabel(branch: Pick<BranchSpec, 'label'>, t: Translate): string {
  return renderNodeMessage(branch.label, t);
}
