// /calendars: the shared calendars business-hours nodes point at. Everyone signed in sees each calendar's state now
// and why; editors create them, change weekly hours, closures, country and time zone, flip the "closed now" switch
// and delete them (refused while a published flow uses one). app/routes/calendars.server.ts does the work.
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { dayText } from '#app/calendars/day-text.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { requestLanguage } from '../i18n/language.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { useFormat } from '../i18n/use-format.ts';
import { usePageLanguage } from '../i18n/use-language.ts';
import { changeCalendars, loadCalendarsPage, type CalendarsActionResult } from './calendars.server.ts';
import type { Route } from './+types/calendars';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'calendars:title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const url = new URL(request.url);
  return {
    ...loadCalendarsPage(context.services.db, url.searchParams.get('calendar'), requestLanguage(request, context)),
    created: url.searchParams.get('created') === '1',
    canEdit: hasRole(account, 'editor'),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  return changeCalendars(
    context.services.db,
    account.username,
    await request.formData(),
    requestLanguage(request, context),
  );
}

const STATE_BADGES = { open: 'ok', closed: 'error', holiday: 'warning' } as const;

export default function Calendars({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['calendars', 'common']);
  const { calendars, selected, canEdit, created } = loaderData;
  const result = actionData as CalendarsActionResult | undefined;
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {created ? (
        <p className="status ok" role="status">
          {t('created')}
        </p>
      ) : null}
      {result?.ok ? (
        <p className="status ok" role="status" data-testid="calendars-done">
          {result.done}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="status warn" role="alert" data-testid="calendars-error">
          {result.error}
        </p>
      ) : null}

      {calendars.length === 0 ? (
        <p className="panel muted">{t('none')}</p>
      ) : (
        <table data-testid="calendars-table">
          <thead>
            <tr>
              <th>{t('columns.name')}</th>
              <th>{t('columns.now')}</th>
              <th>{t('columns.timeZone')}</th>
              <th>{t('columns.holidays')}</th>
              <th>{t('columns.featureCode')}</th>
            </tr>
          </thead>
          <tbody>
            {calendars.map((calendar) => (
              <tr key={calendar.id} data-testid={`calendar-row-${calendar.name}`}>
                <td>
                  <Link to={`/calendars?calendar=${encodeURIComponent(calendar.id)}`}>{calendar.name}</Link>
                  <div className="muted">
                    <code>{calendar.id}</code>
                  </div>
                </td>
                <td data-testid="calendar-state" data-state={calendar.state}>
                  <span className={`badge ${STATE_BADGES[calendar.state]}`}>{t(`states.${calendar.state}`)}</span>{' '}
                  {calendar.reason}
                </td>
                <td>{calendar.timeZone}</td>
                <td>{calendar.holidays}</td>
                <td>{calendar.featureCode ? <code>*48{calendar.featureCode}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canEdit ? (
        <section className="panel" style={{ marginTop: 24 }}>
          <h2>{t('new.title')}</h2>
          <Form method="post" className="inline-form">
            <CsrfInput />
            <label htmlFor="calendar-new-name">{t('new.name')}</label>
            <input id="calendar-new-name" name="name" placeholder={t('new.namePlaceholder')} required />
            <button type="submit" className="primary" name="intent" value="create">
              {t('new.create')}
            </button>
          </Form>
        </section>
      ) : null}

      {selected ? <CalendarDetail calendar={selected} canEdit={canEdit} /> : null}
    </>
  );
}

type Detail = NonNullable<Route.ComponentProps['loaderData']['selected']>;

function CalendarDetail({ calendar, canEdit }: { calendar: Detail; canEdit: boolean }) {
  const { t } = useTranslation(['calendars', 'common']);
  const format = useFormat();
  const language = usePageLanguage();
  const day = (date: string) => dayText(language, date);
  const hidden = <input type="hidden" name="calendarId" value={calendar.id} />;
  return (
    <section className="panel" style={{ marginTop: 24 }} data-testid="calendar-detail">
      <h2>{calendar.name}</h2>
      <p data-testid="calendar-now" data-state={calendar.state}>
        <span className={`badge ${STATE_BADGES[calendar.state]}`}>{t(`states.${calendar.state}`)}</span>{' '}
        {calendar.reason}
      </p>

      <h3>{t('override.title')}</h3>
      {calendar.override ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <span data-testid="calendar-override">
            {t('override.current', {
              state: calendar.override.state === 'closed' ? t('override.closedNow') : t('override.openNow'),
              reason: calendar.override.reason,
              setBy: calendar.override.setBy,
              at: format.dateTime(calendar.override.setAt),
            })}
          </span>
          {canEdit ? (
            <button type="submit" name="intent" value="clear-override" data-testid="calendar-clear-override">
              {t('override.backToNormal')}
            </button>
          ) : null}
        </Form>
      ) : canEdit ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <label htmlFor="calendar-override-reason">{t('override.reason')}</label>
          <input id="calendar-override-reason" name="reason" placeholder={t('override.reasonPlaceholder')} required />
          <input type="hidden" name="state" value="closed" />
          <button type="submit" name="intent" value="override" data-testid="calendar-close-now">
            {t('override.close')}
          </button>
        </Form>
      ) : (
        <p className="muted">{t('override.normal')}</p>
      )}

      <h3>{t('settings.title')}</h3>
      <Form method="post" className="form-grid" key={`${calendar.id}-settings`}>
        <CsrfInput />
        {hidden}
        <label htmlFor="calendar-name">{t('settings.name')}</label>
        <input id="calendar-name" name="name" defaultValue={calendar.name} disabled={!canEdit} required />
        <label htmlFor="calendar-zone">{t('settings.timeZone')}</label>
        <input id="calendar-zone" name="timeZone" defaultValue={calendar.timeZone} disabled={!canEdit} />
        <label htmlFor="calendar-country">{t('settings.country')}</label>
        <input id="calendar-country" name="country" defaultValue={calendar.country} disabled={!canEdit} />
        <label htmlFor="calendar-region">{t('settings.region')}</label>
        <input id="calendar-region" name="region" defaultValue={calendar.region} disabled={!canEdit} />
        {calendar.days.map((day) => (
          <DayField key={day.day} day={day} disabled={!canEdit} />
        ))}
        <label htmlFor="calendar-feature-code">{t('settings.featureCode')}</label>
        <input
          id="calendar-feature-code"
          name="featureCode"
          defaultValue={calendar.featureCode ?? ''}
          disabled={!canEdit}
          inputMode="numeric"
        />
        <label htmlFor="calendar-feature-users">{t('settings.featureCodeUsers')}</label>
        <input
          id="calendar-feature-users"
          name="featureCodeUsers"
          defaultValue={calendar.featureCodeUsers}
          disabled={!canEdit}
          placeholder={t('settings.featureCodeUsersPlaceholder')}
        />
        <span />
        {canEdit ? (
          <button type="submit" className="primary" name="intent" value="save" data-testid="calendar-save">
            {t('common:actions.save')}
          </button>
        ) : null}
      </Form>

      <h3>{t('closures.title')}</h3>
      {calendar.closures.length === 0 ? <p className="muted">{t('closures.none')}</p> : null}
      <ul data-testid="calendar-closures">
        {calendar.closures.map((closure, index) => (
          <li key={`${closure.from}-${closure.label}-${index}`}>
            <Form method="post" className="inline-form">
              <CsrfInput />
              {hidden}
              <input type="hidden" name="index" value={index} />
              {closure.from === closure.to
                ? t('closures.oneDay', { date: day(closure.from), label: closure.label })
                : t('closures.days', { from: day(closure.from), to: day(closure.to), label: closure.label })}
              {canEdit ? (
                <button type="submit" name="intent" value="remove-closure">
                  {t('common:actions.remove')}
                </button>
              ) : null}
            </Form>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <label htmlFor="closure-from">{t('closures.from')}</label>
          <input id="closure-from" name="from" type="date" required />
          <label htmlFor="closure-to">{t('closures.to')}</label>
          <input id="closure-to" name="to" type="date" />
          <label htmlFor="closure-label">{t('closures.why')}</label>
          <input id="closure-label" name="label" placeholder={t('closures.whyPlaceholder')} required />
          <button type="submit" name="intent" value="add-closure">
            {t('closures.add')}
          </button>
        </Form>
      ) : null}

      <h3>{t('publicHolidays.title')}</h3>
      {calendar.publicHolidays.length === 0 ? (
        <p className="muted">{t('publicHolidays.none')}</p>
      ) : (
        <ul>
          {calendar.publicHolidays.map((holiday) => (
            <li key={`${holiday.date}-${holiday.name}`}>
              {t('publicHolidays.item', { date: day(holiday.date), name: holiday.name })}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('usedBy.title')}</h3>
      <p>
        {calendar.usedBy.length > 0 ? t('usedBy.published', { names: calendar.usedBy.join(', ') }) : t('usedBy.none')}
        {calendar.draftsUsing.length > 0 ? ` ${t('usedBy.drafts', { names: calendar.draftsUsing.join(', ') })}` : ''}
      </p>
      {canEdit ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <button type="submit" name="intent" value="delete" data-testid="calendar-delete">
            {t('delete')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function DayField({ day, disabled }: { day: Detail['days'][number]; disabled: boolean }) {
  const { t } = useTranslation(['calendars', 'common']);
  return (
    <>
      <label htmlFor={`calendar-hours-${day.day}`}>{t(`weekdays.${day.day}`)}</label>
      <input
        id={`calendar-hours-${day.day}`}
        name={`hours-${day.day}`}
        defaultValue={day.hours}
        disabled={disabled}
        placeholder={t('settings.hoursPlaceholder')}
      />
    </>
  );
}
