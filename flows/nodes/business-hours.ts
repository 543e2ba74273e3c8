import { z } from 'zod';
import { defineNode, referencesNothing, speaksNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

// Business hours (issue 12): the way on depends on a shared calendar (flows/calendar/calendar.ts, stored in the
// calendars table) at the moment the call reaches the node. The node holds only the calendar's id: changing the
// hours, adding a closure or flipping the "closed now" switch changes every flow using the calendar, without
// publishing. This file must not import flows/calendar/ (the editor bundles it; the holiday data is server-side).

export const businessHoursNode = defineNode({
  type: 'business-hours',
  category: 'logic',
  data: z.object({
    /** The id of a calendar (the /calendars page, `switchboard calendars list`). */
    calendarId: z
      .string({ error: schemaMessage('chooseCalendar') })
      .trim()
      .min(1, schemaMessage('chooseCalendar'))
      .max(64),
  }),
  defaults: () => ({ calendarId: '' }),
  branches: () => [
    { id: 'open', label: nodeMessage('business-hours.branches.open'), required: true },
    {
      id: 'closed',
      label: nodeMessage('business-hours.branches.closed'),
      required: false,
      // Publishing is allowed (a flow may end calls outside hours on purpose), but it is rarely what was meant.
      warnWhenUnconnected: nodeMessage('business-hours.closedUnconnected'),
    },
    // Unconnected, a holiday or closure day takes the closed branch (runtime/nodes/business-hours.ts).
    { id: 'holiday', label: nodeMessage('business-hours.branches.holiday'), required: false },
  ],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
  calendars: (data) => (data.calendarId ? [data.calendarId] : []),
});
