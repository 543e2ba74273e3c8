import type { Calendar, CalendarOverride } from '#flows/calendar/calendar.ts';
import { speak } from '../nodes/speak.ts';
import type { FeatureCode } from './feature-code.ts';

// *48<digits>: flips a calendar's switch from a phone. Each calendar may have a `featureCode` (digits); dialling *48
// followed by them toggles "closed now" (override closed) and "back to normal" (no override), and speaks the new
// state. Who may: only directory people listed in the calendar's `featureCodeUsers`, recognised by the SIP account
// the call came from (FeatureCodeContext.callerUsername, never the caller number, which a trunk could set). Nobody
// is listed by default, so a calendar with digits but no list cannot be flipped by phone. An "open now" override set
// on the web is replaced by "closed now": the phone only ever closes, or gives back to normal.

/** What the feature code needs of storage (db/calendars.ts implements it). */
export interface CalendarSwitches {
  /** The calendar whose featureCode is these digits, with its id; null when none. */
  calendarByFeatureCode(digits: string): { id: string; calendar: Calendar } | null;
  setOverride(calendarId: string, override: CalendarOverride | null): void;
}

export interface CalendarOverrideFeatureCodeDeps {
  calendars: CalendarSwitches;
  /** Milliseconds since the epoch, for setAt. Default Date.now. */
  now?: () => number;
}

const PATTERN = /^\*48([0-9]{1,6})$/;

type MessageId = 'unknown' | 'refused' | 'closed' | 'normal';

function message(id: MessageId, language: string, name: string): string {
  if (language.startsWith('fr')) {
    switch (id) {
      case 'unknown':
        return 'Ce code ne correspond à aucun calendrier.';
      case 'refused':
        return 'Vous ne pouvez pas modifier ce calendrier.';
      case 'closed':
        return `${name} : fermé maintenant.`;
      case 'normal':
        return `${name} : retour aux horaires normaux.`;
    }
  }
  switch (id) {
    case 'unknown':
      return 'This code is not a calendar.';
    case 'refused':
      return 'You may not change this calendar.';
    case 'closed':
      return `${name}: closed now.`;
    case 'normal':
      return `${name}: back to normal hours.`;
  }
}

export function calendarOverrideFeatureCode(deps: CalendarOverrideFeatureCodeDeps): FeatureCode {
  const now = deps.now ?? Date.now;
  return {
    pattern: '*48',
    summary: 'Close a calendar now, or put it back to normal (*48 then the calendar’s digits)',
    match(dialled) {
      const found = PATTERN.exec(dialled);
      return found ? { rest: found[1]! } : null;
    },
    async run(context, rest) {
      const say = (id: MessageId, name = '') =>
        speak(
          {
            call: context.call,
            prompts: context.prompts,
            signal: context.signal,
            language: context.language,
            record: (event) => context.note({ prompt: event.detail }),
          },
          { text: message(id, context.language, name), language: context.language },
        );
      const found = deps.calendars.calendarByFeatureCode(rest);
      if (!found) {
        context.note({ featureCode: `*48${rest}`, outcome: 'unknown-calendar' });
        await say('unknown');
        return;
      }
      const { id, calendar } = found;
      const who = context.callerUsername;
      if (who === null || !calendar.featureCodeUsers.includes(who)) {
        context.note({
          featureCode: `*48${rest}`,
          calendarId: id,
          outcome: 'refused',
          caller: who ?? 'not a directory person',
        });
        await say('refused');
        return;
      }
      const closing = calendar.override?.state !== 'closed';
      deps.calendars.setOverride(
        id,
        closing ? { state: 'closed', reason: `feature code *48${rest}`, setAt: now(), setBy: who } : null,
      );
      context.note({
        featureCode: `*48${rest}`,
        calendarId: id,
        calendar: calendar.name,
        outcome: closing ? 'closed-now' : 'back-to-normal',
        by: who,
      });
      await say(closing ? 'closed' : 'normal', calendar.name);
    },
  };
}
