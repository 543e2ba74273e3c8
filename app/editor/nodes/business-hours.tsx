import { SelectField } from '../forms/fields.tsx';
import { useEditorContext } from '../editor-context.ts';
import { defineNodeEditor, type InspectorProps } from './node-editor.ts';

// The calendar is picked from the list the editor page loads (app/routes/flow-editor.server.ts); the calendars
// themselves (hours, holidays, closures, the "closed now" switch) are edited on the /calendars page.

function BusinessHoursInspector({ data, onChange }: InspectorProps<'business-hours'>) {
  const { calendars, calendarVerdicts } = useEditorContext();
  const verdict = data.calendarId ? calendarVerdicts?.get(data.calendarId) : undefined;
  return (
    <>
      <SelectField
        path="calendarId"
        label="Calendar"
        hint="Opening hours, public holidays, closures and the “closed now” switch are set on the Calendars page."
        value={data.calendarId || undefined}
        options={calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        onChange={(calendarId) => onChange({ ...data, calendarId }, 'calendarId')}
      />
      {calendars.length === 0 ? (
        <p className="field-hint">
          There is no calendar yet: <a href="/calendars">create one on the Calendars page</a>.
        </p>
      ) : null}
      <p className="field-hint">
        Open, Closed and Holiday or closure lead where you connect them. Left unconnected, a holiday takes the Closed
        branch, and Closed ends the call.
      </p>
      {verdict ? (
        <p className="field-hint" data-testid="business-hours-verdict">
          At the test call’s time: <strong>{verdict.branch}</strong> — {verdict.reason}
        </p>
      ) : null}
    </>
  );
}

export const businessHoursEditor = defineNodeEditor('business-hours', {
  summary: (data) => (data.calendarId ? `Calendar ${data.calendarId}` : 'No calendar chosen'),
  Inspector: BusinessHoursInspector,
});
