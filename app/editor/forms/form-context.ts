import { createContext, useContext } from 'react';

/** Messages for a field path ("prompt.text"); the inspector fills it from the validation of the live draft. */
export type FieldMessages = ReadonlyMap<string, readonly string[]>;

export const FieldMessagesContext = createContext<FieldMessages>(new Map());

export function useFieldMessages(path: string): readonly string[] {
  return useContext(FieldMessagesContext).get(path) ?? [];
}

/** DOM id of the input for a field path; diagnostics use it to put the cursor where the problem is. */
export function fieldInputId(scope: string, path: string): string {
  return `field-${scope}-${path || 'value'}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

export const FieldScopeContext = createContext('node');
