import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_TYPES, nodeCatalogue, type NodeType } from '#flows/catalogue.ts';
import type { NodeCategory } from '#flows/node-definition.ts';
import { CATEGORY_KEYS, nodeSummary, nodeTitle } from '#flows/node-texts.ts';

/** The drag payload's media type: only drops coming from the palette add nodes. */
export const PALETTE_DRAG_TYPE = 'application/x-switchboard-node-type';

// The palette's groups, in the order of CATEGORY_KEYS (flows/node-texts.ts); their headings
// (editor:palette.categories) say what the steps do ("Speak and play"), where the category names are shorter.
const CATEGORY_ORDER = Object.keys(CATEGORY_KEYS) as NodeCategory[];

/**
 * The node types to drag onto the canvas. Each is also a button: Enter (or a click) adds the node in the middle of
 * the visible canvas, for people who do not use a mouse.
 */
export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const { t } = useTranslation(['editor', 'nodes']);
  function startDrag(event: DragEvent<HTMLButtonElement>, type: NodeType) {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <nav className="palette" id="editor-palette" aria-label={t('palette.label')} data-testid="palette">
      <h2>{t('palette.heading')}</h2>
      <p className="muted small">{t('palette.hint')}</p>
      {CATEGORY_ORDER.map((category) => {
        const types = NODE_TYPES.filter((type) => nodeCatalogue[type].category === category);
        if (types.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{t(`palette.categories.${CATEGORY_KEYS[category]}`)}</h3>
            {types.map((type) => (
              <button
                key={type}
                type="button"
                draggable
                className={`palette-item category-${category.replace(/\s+/g, '-')}`}
                data-testid={`palette-${type}`}
                title={nodeSummary(type, t)}
                onDragStart={(event) => startDrag(event, type)}
                onClick={() => onAdd(type)}
              >
                <span className="palette-item-title">{nodeTitle(type, t)}</span>
                <span className="palette-item-summary">{nodeSummary(type, t)}</span>
              </button>
            ))}
          </section>
        );
      })}
    </nav>
  );
}
