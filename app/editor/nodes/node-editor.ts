import type { ComponentType } from 'react';
import type { NodeDataMap, NodeType } from '#flows/catalogue.ts';
import type { Translate } from '#i18n/translator.ts';

export interface InspectorProps<T extends NodeType> {
  nodeId: string;
  /** The node's data as written (not trimmed or defaulted by the schema), in the shape of its type. */
  data: NodeDataMap[T];
  /** `field` names the field edited ("prompt.text"): quick edits of one field make one undo step. */
  onChange: (next: NodeDataMap[T], field: string) => void;
}

/** How one node type looks and is edited in the editor: the same name as flows/nodes/<type>.ts. */
export interface NodeEditor<T extends NodeType> {
  /**
   * One or two lines the canvas shows under the node's title (the sentence said, the person dialled...), in the
   * reader's language: a plain function rather than a component, because the canvas caches it per node data.
   */
  summary: (data: NodeDataMap[T], t: Translate) => string;
  /** The inspector form for the node's data. */
  Inspector: ComponentType<InspectorProps<T>>;
}

/** Identity helper that ties an editor to its type, so `data` is that type's and no other. */
export function defineNodeEditor<T extends NodeType>(_type: T, editor: NodeEditor<T>): NodeEditor<T> {
  return editor;
}

export function truncate(text: string, length = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
