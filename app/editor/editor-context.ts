import { createContext, useContext } from 'react';
import { indexDiagnostics, type DiagnosticsIndex } from './diagnostics.ts';

export interface FlowReference {
  id: string;
  name: string;
}

/** A calendar as a business-hours node offers it (the /calendars page manages them). */
export interface CalendarReference {
  id: string;
  name: string;
}

/** Which branch a calendar gives at the date-time chosen in the test call panel, and why. */
export interface CalendarVerdictView {
  branch: 'open' | 'closed' | 'holiday';
  reason: string;
}

/** What canvas nodes and inspector forms read without it being threaded through every prop. */
export interface EditorContextValue {
  /** Other flows, for "Go to" nodes. */
  otherFlows: readonly FlowReference[];
  /** Every calendar, for "Business hours" nodes. */
  calendars: readonly CalendarReference[];
  /**
   * Calendar id -> its verdict at the date-time chosen for test calls (shown on each business-hours node); null when
   * no date-time is chosen.
   */
  calendarVerdicts: ReadonlyMap<string, CalendarVerdictView> | null;
  diagnostics: DiagnosticsIndex;
}

export const EditorContext = createContext<EditorContextValue>({
  otherFlows: [],
  calendars: [],
  calendarVerdicts: null,
  diagnostics: indexDiagnostics([]),
});

export const useEditorContext = (): EditorContextValue => useContext(EditorContext);
