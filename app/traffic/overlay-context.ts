import { createContext, useContext } from 'react';
import { NO_LIVE_CALLS, type LiveCounts } from './canvas-traffic.ts';

// What canvas nodes draw over themselves besides the flow: calls in progress in them, callers who hung up there.

export interface CanvasOverlay {
  live: LiveCounts;
  /** Node id -> hang-ups in the period shown; null when the traffic overlay is off. */
  dropOff: ReadonlyMap<string, number> | null;
}

export const CanvasOverlayContext = createContext<CanvasOverlay>({ live: NO_LIVE_CALLS, dropOff: null });

export const useCanvasOverlay = (): CanvasOverlay => useContext(CanvasOverlayContext);
