import { createContext, useContext } from 'react';
import { indexDiagnostics, type DiagnosticsIndex } from './diagnostics.ts';

export interface FlowReference {
  id: string;
  name: string;
}

/** What canvas nodes and inspector forms read without it being threaded through every prop. */
export interface EditorContextValue {
  /** Other flows, for "Go to" nodes. */
  otherFlows: readonly FlowReference[];
  diagnostics: DiagnosticsIndex;
}

export const EditorContext = createContext<EditorContextValue>({
  otherFlows: [],
  diagnostics: indexDiagnostics([]),
});

export const useEditorContext = (): EditorContextValue => useContext(EditorContext);
