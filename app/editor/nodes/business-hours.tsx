import { Trans, useTranslation } from 'react-i18next';
import { SelectField } from '../forms/fields.tsx';
import { useEditorContext } from '../editor-context.ts';
import { defineNodeEditor, type InspectorProps } from './node-editor.ts';

// The calendar is picked from the list the editor page loads (app/routes/flow-editor.server.ts); the calendars
// themselves (hours, holidays, closures, the "closed now" switch) are edited on the /calendars page.

function BusinessHoursInspector({ data, onChange }: InspectorProps<'business-hours'>) {
  const { calendars, calendarVerdicts } = useEditorContext();
  const { t } = useTranslation('editor');
  const verdict = data.calendarId ? calendarVerdicts?.get(data.calendarId) : undefined;
  return (
    <>
      <SelectField
        path="calendarId"
        label={t('forms.businessHours.calendar')}
        hint={t('forms.businessHours.calendarHint')}
        value={data.calendarId || undefined}
        options={calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        onChange={(calendarId) => onChange({ ...data, calendarId }, 'calendarId')}
      />
      {calendars.length === 0 ? (
        <p className="field-hint">
          <Trans t={t} i18nKey="forms.businessHours.noneYet" components={{ link: <a href="/calendars" /> }} />
        </p>
      ) : null}
      <p className="field-hint">{t('forms.businessHours.branches')}</p>
      {verdict ? (
        <p className="field-hint" data-testid="business-hours-verdict">
          <Trans
            t={t}
            i18nKey="forms.businessHours.verdict"
            values={{ branch: t(`canvas.verdictBranches.${verdict.branch}`), reason: verdict.reason }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : null}
    </>
  );
}

export const businessHoursEditor = defineNodeEditor('business-hours', {
  summary: (data, t) =>
    data.calendarId
      ? t('editor:forms.businessHours.summary', { id: data.calendarId })
      : t('editor:forms.businessHours.noCalendar'),
  Inspector: BusinessHoursInspector,
});
