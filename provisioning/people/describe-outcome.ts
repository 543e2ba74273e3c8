// Sentences for staff about what a change to the directory did beyond the person's row: their flow and their SIP
// account in Asterisk. Shared by the People page (in the page's language) and the CLI (English until it is given a
// language), so both say the same thing.
import { translatorFor, type Translate } from '#i18n/translator.ts';
import type { AsteriskOutcome, FlowOutcome } from './people-service.ts';

export type Tone = 'ok' | 'warning';

const english = translatorFor('en');

export function describeFlowOutcome(flow: FlowOutcome, t: Translate = english): { text: string; tone: Tone } | null {
  switch (flow.kind) {
    case 'published':
      return {
        text: t('people:outcome.flowPublished', { flow: flow.name, version: flow.versionNumber }),
        tone: 'ok',
      };
    case 'unchanged':
      return null;
    case 'archived':
      return { text: t('people:outcome.flowArchived', { flow: flow.name }), tone: 'ok' };
    case 'unbound':
      return { text: t('people:outcome.flowUnbound', { flow: flow.name }), tone: 'warning' };
    case 'not-published':
      return { text: t('people:outcome.flowNotPublished', { reason: flow.reason }), tone: 'warning' };
  }
}

export function describeAsteriskOutcome(
  asterisk: AsteriskOutcome,
  change: 'saved' | 'removed',
  t: Translate = english,
): { text: string; tone: Tone } {
  switch (asterisk.kind) {
    case 'applied':
      return {
        text: change === 'saved' ? t('people:outcome.asteriskApplied') : t('people:outcome.asteriskRemoved'),
        tone: 'ok',
      };
    case 'absent':
      return { text: t('people:outcome.asteriskAbsent'), tone: 'ok' };
    case 'not-configured':
      return { text: t('people:outcome.asteriskNotConfigured'), tone: 'warning' };
    case 'in-pjsip-conf':
      return asterisk.upToDate
        ? { text: t('people:outcome.pjsipUpToDate'), tone: 'ok' }
        : { text: t('people:outcome.pjsipStale'), tone: 'warning' };
    case 'failed':
      // Asterisk's own words stay as they are: they name what it refused.
      return { text: t('people:outcome.asteriskFailed', { reason: asterisk.message }), tone: 'warning' };
  }
}
