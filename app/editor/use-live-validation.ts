import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { FlowDocument } from '#flows/document.ts';
import { withoutRedactionDiagnostics } from '#flows/redact.ts';
import { validateFlow } from '#flows/validate.ts';
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from '#i18n/languages.ts';
import { indexDiagnostics } from './diagnostics.ts';
import type { CanvasEdge } from './model.ts';
import { NodeFactsStore } from './node-facts.ts';

const VALIDATION_DELAY_MS = 250;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * The draft's problems as it is edited: the same validation as publishing (with the numbers other published flows
 * hold), a moment after the edits so typing stays smooth on big flows. Also the store canvas nodes read their own
 * problems and branches from (node-facts.ts), so that re-validating after an edit re-renders only the nodes whose
 * badges changed.
 */
export function useLiveValidation(
  document: FlowDocument,
  edges: readonly CanvasEdge[],
  claimedNumbers: readonly (readonly [string, string])[],
  /** A viewer's document has its PINs hidden (flows/redact.ts): the placeholders are not mistakes to report. */
  readOnly = false,
  /** Every calendar: a business-hours node pointing at another one is an error, as at publishing. */
  calendars?: readonly { id: string; name: string }[],
  /** The page's language: the problems are worded in it. */
  language: UiLanguage = DEFAULT_UI_LANGUAGE,
) {
  const checkedDocument = useDebounced(document, VALIDATION_DELAY_MS);
  const claimed = useMemo(() => new Map(claimedNumbers), [claimedNumbers]);
  const knownCalendars = useMemo(
    () => (calendars ? new Map(calendars.map((calendar) => [calendar.id, calendar.name])) : undefined),
    [calendars],
  );
  const diagnostics = useMemo(() => {
    const found = validateFlow(checkedDocument, {
      claimedNumbers: claimed,
      ...(knownCalendars ? { calendars: knownCalendars } : {}),
      language,
    }).diagnostics;
    return readOnly ? withoutRedactionDiagnostics(found, checkedDocument) : found;
  }, [checkedDocument, claimed, readOnly, knownCalendars, language]);
  const diagnosticsIndex = useMemo(() => indexDiagnostics(diagnostics), [diagnostics]);
  const branchesInUse = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const edge of edges) {
      if (!edge.sourceHandle) continue;
      map.set(edge.source, [...(map.get(edge.source) ?? []), edge.sourceHandle]);
    }
    return map;
  }, [edges]);
  // Filled during the first render (the server's HTML has the badges), then before each paint.
  const [nodeFacts] = useState(() => {
    const store = new NodeFactsStore();
    store.update(diagnosticsIndex.byNode, branchesInUse);
    return store;
  });
  useLayoutEffect(
    () => nodeFacts.update(diagnosticsIndex.byNode, branchesInUse),
    [nodeFacts, diagnosticsIndex, branchesInUse],
  );
  return { diagnostics, diagnosticsIndex, nodeFacts };
}
