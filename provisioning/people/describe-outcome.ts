// Sentences for staff about what a change to the directory did beyond the person's row: their flow and their SIP
// account in Asterisk. Shared by the People page and the CLI, so both say the same thing.
import type { AsteriskOutcome, FlowOutcome } from './people-service.ts';

export type Tone = 'ok' | 'warning';

export function describeFlowOutcome(flow: FlowOutcome): { text: string; tone: Tone } | null {
  switch (flow.kind) {
    case 'published':
      return {
        text: `Their flow "${flow.name}" is published (version ${flow.versionNumber}): edit it in the designer.`,
        tone: 'ok',
      };
    case 'unchanged':
      return null;
    case 'archived':
      return {
        text: `Their flow "${flow.name}" no longer answers and is archived (restore it from the flows list).`,
        tone: 'ok',
      };
    case 'unbound':
      return {
        text: `Their flow "${flow.name}" no longer answers; a call was still running in it, so archive it later.`,
        tone: 'warning',
      };
    case 'not-published':
      return { text: `Their flow could not be published: ${flow.reason}`, tone: 'warning' };
  }
}

export function describeAsteriskOutcome(
  asterisk: AsteriskOutcome,
  change: 'saved' | 'removed',
): { text: string; tone: Tone } {
  switch (asterisk.kind) {
    case 'applied':
      return change === 'saved'
        ? {
            text: 'Asterisk has the SIP account now: the phone can register and the extension rings at once.',
            tone: 'ok',
          }
        : { text: 'Asterisk no longer has the SIP account: the phone cannot register any more.', tone: 'ok' };
    case 'absent':
      return { text: 'Asterisk had no SIP account for them.', tone: 'ok' };
    case 'not-configured':
      return {
        text: 'No Asterisk is connected (ARI settings): Asterisk gets this change when Switchboard next connects to it.',
        tone: 'warning',
      };
    case 'in-pjsip-conf':
      return asterisk.upToDate
        ? { text: 'Their SIP account comes from pjsip.conf, which already matches.', tone: 'ok' }
        : {
            text:
              'Their SIP account is written in pjsip.conf (--static-people), which ARI cannot change: regenerate it with ' +
              '`switchboard asterisk config --static-people` and reload res_pjsip, or regenerate it without that option.',
            tone: 'warning',
          };
    case 'failed':
      return {
        text: `Asterisk was not updated: ${asterisk.message}. It will be when the app next connects to Asterisk.`,
        tone: 'warning',
      };
  }
}
