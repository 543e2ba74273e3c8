import type { TypedFlowDocument } from '#flows/document.ts';
import type { CallRecorder, FlowDirectory, PublishedFlow } from '../ports.ts';

// A simulation runs the draft being edited, which has no version row. These wrappers make the draft look like a
// published version to the session (a "pseudo-version"), while the database only ever sees real version ids.

const DRAFT_VERSION_PREFIX = 'draft:';

export function draftVersionId(flowId: string, revision: number): string {
  return `${DRAFT_VERSION_PREFIX}${flowId}@r${revision}`;
}

export function isDraftVersionId(versionId: string | null | undefined): boolean {
  return typeof versionId === 'string' && versionId.startsWith(DRAFT_VERSION_PREFIX);
}

/** The flow whose draft a pseudo-version id names, or null when it is not one. */
export function flowOfDraftVersionId(versionId: string): string | null {
  if (!isDraftVersionId(versionId)) return null;
  const at = versionId.lastIndexOf('@r');
  return at > DRAFT_VERSION_PREFIX.length ? versionId.slice(DRAFT_VERSION_PREFIX.length, at) : null;
}

export interface DraftUnderTest {
  flowId: string;
  flowName: string;
  revision: number;
  document: TypedFlowDocument;
}

export function draftAsPublished(draft: DraftUnderTest): PublishedFlow {
  return {
    flowId: draft.flowId,
    flowName: draft.flowName,
    versionId: draftVersionId(draft.flowId, draft.revision),
    // 0 reads as "not a published version" wherever a number is shown.
    versionNumber: 0,
    document: draft.document,
  };
}

/**
 * The real directory, except that the number the simulation dials, and gotos to the flow under test, reach the
 * draft. Gotos to other flows reach their published versions, as they would in a real call.
 */
export function draftFlowDirectory(real: FlowDirectory, draft: DraftUnderTest, dialledNumber: string): FlowDirectory {
  const published = draftAsPublished(draft);
  return {
    publishedFlowForNumber: (number) => (number === dialledNumber ? published : real.publishedFlowForNumber(number)),
    publishedFlowById: (flowId) => (flowId === draft.flowId ? published : real.publishedFlowById(flowId)),
  };
}

/** What the call page needs to draw a simulated draft call: the graph it ran, since no version row keeps it. */
export interface SimulatedDraftNote {
  simulatedDraft: { flowId: string; revision: number; document: TypedFlowDocument };
}

/**
 * The real recorder, with the call's version id stored as null when it is a draft (calls.version_id references
 * flow_versions) and the draft's document kept in a first 'note' event, so history can draw what was tested.
 */
export function draftCallRecorder(real: CallRecorder, draft: DraftUnderTest): CallRecorder {
  return {
    startCall(input) {
      const callId = real.startCall({
        ...input,
        versionId: isDraftVersionId(input.versionId) ? null : input.versionId,
      });
      if (isDraftVersionId(input.versionId)) {
        const note: SimulatedDraftNote = {
          simulatedDraft: { flowId: draft.flowId, revision: draft.revision, document: draft.document },
        };
        real.appendEvent(callId, {
          kind: 'note',
          at: input.startedAt,
          versionId: input.versionId ?? undefined,
          detail: { ...note },
        });
      }
      return callId;
    },
    appendEvent: (callId, event) => real.appendEvent(callId, event),
    endCall: (callId, outcome, endedAt, reason) => real.endCall(callId, outcome, endedAt, reason),
    closeCallsNotIn: (live, endedAt) => real.closeCallsNotIn(live, endedAt),
  };
}
