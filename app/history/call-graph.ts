import type { CallRecord, CallEventRecord } from '#db/calls.ts';
import type { FlowDocument } from '#flows/document.ts';
import type { Translate } from '#i18n/translator.ts';

// Which graph a recorded call ran, and which of its events happened in that graph (a goto moves a call to another
// flow's version; the call page draws the version the call started in).

/** The draft a simulated call ran, kept in its first event (runtime/simulator/draft-ports.ts). */
export function simulatedDraftOf(
  events: readonly CallEventRecord[],
): { document: FlowDocument; revision: number; versionId: string | null } | null {
  for (const event of events) {
    const draft =
      event.kind === 'note'
        ? (event.detail?.simulatedDraft as { document?: FlowDocument; revision?: number } | undefined)
        : undefined;
    if (draft?.document) return { document: draft.document, revision: draft.revision ?? 0, versionId: event.versionId };
  }
  return null;
}

/**
 * The events without the draft's copy (the page already has the document), for the event list: the draft's note
 * says, in the words of `t`, that the call ran on the draft.
 */
export function eventsForDisplay(events: readonly CallEventRecord[], t: Translate): CallEventRecord[] {
  return events.map((event) => {
    if (event.kind !== 'note' || !event.detail || !('simulatedDraft' in event.detail)) return event;
    const { simulatedDraft: _draft, ...rest } = event.detail;
    return { ...event, detail: { ...rest, message: t('calls:detail.simulatedOnDraft') } };
  });
}

/** The version id the call started in: the real one, or the draft's pseudo-version id. */
export function startVersionId(call: Pick<CallRecord, 'versionId' | 'events'>): string | null {
  return call.versionId ?? simulatedDraftOf(call.events)?.versionId ?? null;
}
