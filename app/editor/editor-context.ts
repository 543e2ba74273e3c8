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
  /** Node id -> branch ids its edges leave from, so a node can keep a handle for an edge it no longer offers. */
  branchesInUse: ReadonlyMap<string, readonly string[]>;
}

export const EditorContext = createContext<EditorContextValue>({
  otherFlows: [],
  diagnostics: indexDiagnostics([]),
  branchesInUse: new Map(),
});

export const useEditorContext = (): EditorContextValue => useContext(EditorContext);
