import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeCatalogue } from '#flows/catalogue.ts';
import { branchLabel } from '#flows/node-texts.ts';
import { NodeOverlayBadges } from '#app/traffic/node-badges.tsx';
import type { CanvasNode } from './model.ts';
import { useEditorContext } from './editor-context.ts';
import { useNodeFacts } from './node-facts.ts';
import { canvasViewOf } from './node-view.ts';
import { useUiLanguage } from './use-ui-language.ts';

/**
 * A node on the canvas: title, a line of what it does, and one labelled source handle per branch ("Key 1",
 * "No answer"...). Edges leaving from branches the node does not offer (a damaged node, a removed menu key) keep a
 * handle of their own, marked as unknown, so they stay visible until someone reconnects or deletes them.
 */
function CanvasNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  // Its own problems and branches only: a change elsewhere in the flow does not re-render this node.
  const { problems, branchesInUse } = useNodeFacts(id);
  const { t } = useTranslation(['editor', 'nodes']);
  const view = canvasViewOf(data.flowType, data.value, useUiLanguage());
  // "What happens at time T": the branch a business-hours node's calendar gives at the test call's date-time.
  const { calendarVerdicts, calendars } = useEditorContext();
  const calendarId =
    data.flowType === 'business-hours' ? (data.value as { calendarId?: unknown } | null)?.calendarId : undefined;
  const verdict = typeof calendarId === 'string' ? calendarVerdicts?.get(calendarId) : undefined;
  // The calendar by its name, as people know it (the node holds its id).
  const calendarName =
    typeof calendarId === 'string' ? calendars.find((calendar) => calendar.id === calendarId)?.name : undefined;
  const summary = calendarName ? t('canvas.calendarSummary', { name: calendarName }) : view.summary;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const known = new Set(view.branches.map((branch) => branch.id));
  const orphans = branchesInUse.filter((branch) => !known.has(branch));
  const rows = [
    ...view.branches.map((branch) => ({ ...branch, label: branchLabel(branch, t), orphan: false })),
    ...orphans.map((branch) => ({
      id: branch,
      label: t('canvas.orphanBranch', { branch }),
      required: false,
      orphan: true,
    })),
  ];

  return (
    <div
      className={`canvas-node category-${view.category}${selected ? ' selected' : ''}${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}`}
      data-testid={`node-${id}`}
      data-node-type={data.flowType}
    >
      {view.acceptsCalls ? (
        <Handle type="target" position={Position.Left} className="target-handle" data-testid={`handle-${id}-in`} />
      ) : null}
      <div className="canvas-node-head">
        <span className="canvas-node-title">{view.title}</span>
        {errors ? (
          <span
            className="badge error"
            data-testid={`node-badge-${id}`}
            title={problems.map((problem) => problem.message).join('\n')}
          >
            {t('counts.errors', { count: errors })}
          </span>
        ) : warnings ? (
          <span
            className="badge warning"
            data-testid={`node-badge-${id}`}
            title={problems.map((problem) => problem.message).join('\n')}
          >
            {t('counts.warnings', { count: warnings })}
          </span>
        ) : null}
      </div>
      <NodeOverlayBadges nodeId={id} queue={data.flowType === 'queue'} />
      <div className="canvas-node-id">{id}</div>
      <p className="canvas-node-summary">{summary}</p>
      {verdict ? (
        <p
          className={`canvas-node-verdict verdict-${verdict.branch}`}
          data-testid={`calendar-verdict-${id}`}
          data-branch={verdict.branch}
          title={verdict.reason}
        >
          {t('canvas.verdict', { branch: t(`canvas.verdictBranches.${verdict.branch}`), reason: verdict.reason })}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="canvas-node-branches">
          {rows.map((branch) => (
            <li key={branch.id} className={branch.orphan ? 'orphan' : branch.required ? 'required' : undefined}>
              <span className="branch-label">{branch.label}</span>
              <Handle
                type="source"
                id={branch.id}
                position={Position.Right}
                className="branch-handle"
                data-testid={`handle-${id}-${branch.id}`}
                aria-label={t('canvas.handle', { title: view.title, id, branch: branch.label })}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * React Flow hands a node its position and size too, which change on every measure and every drag step; the node
 * draws only its id, data and selection, so only those make it draw again (on a big flow, measuring the nodes on
 * screen would otherwise draw every one of them twice).
 */
export const CanvasNodeComponent = memo(
  CanvasNodeView,
  (before: NodeProps<CanvasNode>, after: NodeProps<CanvasNode>) =>
    before.id === after.id && before.data === after.data && before.selected === after.selected,
);

/** React Flow node types: every catalogue type and "unknown" draw with the same component. */
export const canvasNodeTypes = Object.fromEntries(
  [...Object.keys(nodeCatalogue), 'unknown'].map((type) => [type, CanvasNodeComponent]),
);
