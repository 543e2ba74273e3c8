import {
  BaseEdge,
  getBezierPath,
  useInternalNode,
  useStore,
  type EdgeProps,
  type InternalNode,
  type ReactFlowState,
} from '@xyflow/react';
import { memo } from 'react';
import type { CanvasEdge, CanvasNode } from './model.ts';
import { canvasViewOf } from './node-view.ts';
import { branchLabel as labelOfBranch } from '#flows/node-texts.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { useUiLanguage } from './use-ui-language.ts';

// A flow reads left to right (layout.ts). An edge that goes back to an earlier step (a menu's "wrong key" through a
// say node back to the menu) would be drawn by React Flow's bezier straight through the nodes between, and after
// "Tidy up" it lies on top of the forward edges. Drawn here instead: a dashed loop that leaves to the right, runs
// under both nodes, and comes back into the target from the left, labelled "↩ <branch> → <target step>".

/** How far below the lower of the two nodes the loop runs, and how far it swings out sideways. */
const LOOP_DROP = 36;
const LOOP_SWING = 40;
/** Loops to the same target would lie on one line: each edge gets its own lane, from a hash of its id. */
const LANE_GAP = 12;
const LANES = 4;

function laneOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % LANES;
}

function bottomOf(node: InternalNode<CanvasNode> | undefined): number {
  if (!node) return 0;
  return node.internals.positionAbsolute.y + (node.measured.height ?? 0);
}

/** The words of the branch the edge leaves from ("Key 2", "No key pressed"), as the node's handle shows them. */
function branchLabel(
  node: InternalNode<CanvasNode> | undefined,
  branchId: string | null | undefined,
  language: UiLanguage,
): string | null {
  if (!node || !branchId) return null;
  const branch = canvasViewOf(node.data.flowType, node.data.value, language).branches.find(
    (branch) => branch.id === branchId,
  );
  return branch ? labelOfBranch(branch, translatorFor(language)) : branchId;
}

/** True when the edge goes back to a step on its left (or straight above or below): a loop in the call. */
export function isBackEdge(sourceX: number, targetX: number): boolean {
  return targetX < sourceX + LOOP_SWING / 2;
}

/**
 * The loop's path: right from the source handle, down to the lane under both nodes, left to the target's side, up
 * into its entry handle. Rounded corners (quadratic curves), so it reads as one line.
 */
export function loopPath(
  source: { x: number; y: number },
  target: { x: number; y: number },
  floorY: number,
): { path: string; labelX: number; labelY: number } {
  const right = source.x + LOOP_SWING;
  const left = target.x - LOOP_SWING;
  const r = 16;
  const path = [
    `M ${source.x} ${source.y}`,
    `L ${right - r} ${source.y}`,
    `Q ${right} ${source.y} ${right} ${source.y + r}`,
    `L ${right} ${floorY - r}`,
    `Q ${right} ${floorY} ${right - r} ${floorY}`,
    `L ${left + r} ${floorY}`,
    `Q ${left} ${floorY} ${left} ${floorY - r}`,
    `L ${left} ${target.y + r}`,
    `Q ${left} ${target.y} ${left + r} ${target.y}`,
    `L ${target.x} ${target.y}`,
  ].join(' ');
  return { path, labelX: (right + left) / 2, labelY: floorY };
}

/**
 * Below this zoom a loop's own label (11 px of text, under 5 px on screen) cannot be read: it is left out, which
 * also spares React Flow measuring hundreds of labels when a big flow opens zoomed out to fit.
 */
export const LOOP_LABEL_MIN_ZOOM = 0.5;
const loopLabelsReadable = (store: ReactFlowState) => store.transform[2] >= LOOP_LABEL_MIN_ZOOM;

function BranchEdgeView(props: EdgeProps<CanvasEdge>) {
  const {
    id,
    source,
    target,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    sourceHandleId,
    label,
  } = props;
  const sourceNode = useInternalNode<CanvasNode>(source);
  const targetNode = useInternalNode<CanvasNode>(target);
  const showLoopLabel = useStore(loopLabelsReadable);
  const language = useUiLanguage();
  const common = {
    id,
    markerEnd: props.markerEnd,
    markerStart: props.markerStart,
    style: props.style,
    interactionWidth: props.interactionWidth,
    labelStyle: props.labelStyle,
    labelShowBg: props.labelShowBg,
    labelBgStyle: props.labelBgStyle,
    labelBgPadding: props.labelBgPadding,
    labelBgBorderRadius: props.labelBgBorderRadius,
  };

  if (!isBackEdge(sourceX, targetX)) {
    const [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
    return <BaseEdge {...common} path={path} label={label} labelX={labelX} labelY={labelY} />;
  }

  const floorY =
    Math.max(bottomOf(sourceNode), bottomOf(targetNode), sourceY, targetY) + LOOP_DROP + laneOf(id) * LANE_GAP;
  const loop = loopPath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, floorY);
  const branch = showLoopLabel ? branchLabel(sourceNode, sourceHandleId, language) : null;
  // Another layer's label (calls counted on this edge) is kept, after the branch's name.
  const shown = [
    branch ? `↩ ${branch} → ${target}` : null,
    typeof label === 'string' || typeof label === 'number' ? String(label) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <BaseEdge
      {...common}
      path={loop.path}
      label={shown || label}
      labelX={loop.labelX}
      labelY={loop.labelY}
      labelShowBg={props.labelShowBg ?? true}
      labelBgPadding={props.labelBgPadding ?? [4, 2]}
      labelBgBorderRadius={props.labelBgBorderRadius ?? 4}
      className="loop-edge"
    />
  );
}

export const BranchEdge = memo(BranchEdgeView);

/** React Flow edge types: every edge of a flow draws with BranchEdge (loops drawn as loops). */
export const canvasEdgeTypes = { default: BranchEdge };
