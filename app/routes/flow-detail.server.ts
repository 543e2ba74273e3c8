// What the flow page reads from storage: the flow, how the validator judges its draft, and its versions.
import { calendarNames } from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { claimedNumbers, getFlow, listVersions } from '#db/flows.ts';
import { validateFlow } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';

/**
 * The flow, its draft's diagnostics (in `language`) and its published versions, or null when there is no such flow.
 */
export function loadFlowDetail(db: SwitchboardDb, flowId: string, language: UiLanguage) {
  const flow = getFlow(db, flowId);
  if (!flow) return null;
  return {
    flow,
    // Judged as publishing would judge it, numbers other flows hold included (e.g. an imported copy's).
    diagnostics: validateFlow(flow.draft, {
      claimedNumbers: claimedNumbers(db, flow.id),
      calendars: calendarNames(db),
      language,
    }).diagnostics,
    versions: listVersions(db, flow.id),
  };
}
