import type { DragEvent } from 'react';
import { NODE_TYPES, nodeCatalogue, type NodeType } from '#flows/catalogue.ts';
import { nodeSummary, nodeTitle } from '#flows/node-texts.ts';
import { translatorFor } from '#i18n/translator.ts';
import type { NodeCategory } from '#flows/node-definition.ts';

/** The drag payload's media type: only drops coming from the palette add nodes. */
export const PALETTE_DRAG_TYPE = 'application/x-switchboard-node-type';

const CATEGORY_TITLES: Record<NodeCategory, string> = {
  start: 'Start',
  prompts: 'Speak and play',
  'caller input': 'Caller input',
  people: 'People',
  conference: 'Conference',
  logic: 'Logic',
};

const CATEGORY_ORDER = Object.keys(CATEGORY_TITLES) as NodeCategory[];

/**
 * The node types to drag onto the canvas. Each is also a button: Enter (or a click) adds the node in the middle of
 * the visible canvas, for people who do not use a mouse.
 */
export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  function startDrag(event: DragEvent<HTMLButtonElement>, type: NodeType) {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <nav className="palette" id="editor-palette" aria-label="Node types" data-testid="palette">
      <h2>Add a step</h2>
      <p className="muted small">Drag onto the canvas, or press Enter to add in the middle.</p>
      {CATEGORY_ORDER.map((category) => {
        const types = NODE_TYPES.filter((type) => nodeCatalogue[type].category === category);
        if (types.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{CATEGORY_TITLES[category]}</h3>
            {types.map((type) => (
              <button
                key={type}
                type="button"
                draggable
                className={`palette-item category-${category.replace(/\s+/g, '-')}`}
                data-testid={`palette-${type}`}
                title={nodeSummary(type, translatorFor('en'))}
                onDragStart={(event) => startDrag(event, type)}
                onClick={() => onAdd(type)}
              >
                <span className="palette-item-title">{nodeTitle(type, translatorFor('en'))}</span>
                <span className="palette-item-summary">{nodeSummary(type, translatorFor('en'))}</span>
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}
