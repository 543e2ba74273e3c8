// /calendars: the shared calendars business-hours nodes point at. Everyone signed in sees each calendar's state now
// and why; editors create them, change weekly hours, closures, country and time zone, flip the "closed now" switch
// and delete them (refused while a published flow uses one). app/routes/calendars.server.ts does the work.
import { Form, Link } from 'react-router';
import { hasRole, requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { changeCalendars, loadCalendarsPage, type CalendarsActionResult } from './calendars.server.ts';
import type { Route } from './+types/calendars';

export function meta() {
  return [{ title: 'Calendars · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const url = new URL(request.url);
  return {
    ...loadCalendarsPage(context.services.db, url.searchParams.get('calendar')),
    created: url.searchParams.get('created') === '1',
    canEdit: hasRole(account, 'editor'),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  return changeCalendars(context.services.db, account.username, await request.formData());
}

const STATE_LABELS = { open: 'open now', closed: 'closed now', holiday: 'holiday now' } as const;
const STATE_BADGES = { open: 'ok', closed: 'error', holiday: 'warning' } as const;

function when(ms: number): string {
  return new Date(ms).toLocaleString('en-GB');
}

export default function Calendars({ loaderData, actionData }: Route.ComponentProps) {
  const { calendars, selected, canEdit, created } = loaderData;
  const result = actionData as CalendarsActionResult | undefined;
  return (
    <>
      <h1>Calendars</h1>
      <p className="muted">
        Opening hours that business-hours nodes follow: weekly hours in the calendar’s time zone, public holidays of a
        country, one-off closures, and a switch to close (or open) at once. What decides, first to last: the switch,
        then closures and public holidays (the holiday branch), then the weekly hours. A change applies to every flow
        using the calendar at once, without publishing.
      </p>
      {created ? (
        <p className="status ok" role="status">
          Calendar created: Monday to Friday 09:00–12:30 and 13:30–18:00, Paris time, French public holidays. Change
          them below.
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
        <p className="panel muted">No calendars yet.</p>
      ) : (
        <table data-testid="calendars-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Now</th>
              <th>Time zone</th>
              <th>Public holidays</th>
              <th>Feature code</th>
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
                  <span className={`badge ${STATE_BADGES[calendar.state]}`}>{STATE_LABELS[calendar.state]}</span>{' '}
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
          <h2>New calendar</h2>
          <Form method="post" className="inline-form">
            <CsrfInput />
            <label htmlFor="calendar-new-name">Name</label>
            <input id="calendar-new-name" name="name" placeholder="e.g. Accueil Paris" required />
            <button type="submit" className="primary" name="intent" value="create">
              Create calendar
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
  const hidden = <input type="hidden" name="calendarId" value={calendar.id} />;
  return (
    <section className="panel" style={{ marginTop: 24 }} data-testid="calendar-detail">
      <h2>{calendar.name}</h2>
      <p data-testid="calendar-now" data-state={calendar.state}>
        <span className={`badge ${STATE_BADGES[calendar.state]}`}>{STATE_LABELS[calendar.state]}</span>{' '}
        {calendar.reason}
      </p>

      <h3>Switch</h3>
      {calendar.override ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <span data-testid="calendar-override">
            {calendar.override.state === 'closed' ? 'Closed now' : 'Open now'}: {calendar.override.reason} (switched by{' '}
            {calendar.override.setBy}, {when(calendar.override.setAt)})
          </span>
          {canEdit ? (
            <button type="submit" name="intent" value="clear-override" data-testid="calendar-clear-override">
              Back to normal
            </button>
          ) : null}
        </Form>
      ) : canEdit ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <label htmlFor="calendar-override-reason">Reason</label>
          <input id="calendar-override-reason" name="reason" placeholder="e.g. weather" required />
          <input type="hidden" name="state" value="closed" />
          <button type="submit" name="intent" value="override" data-testid="calendar-close-now">
            Closed now
          </button>
        </Form>
      ) : (
        <p className="muted">Normal: the calendar’s rules apply.</p>
      )}

      <h3>Settings</h3>
      <Form method="post" className="form-grid" key={`${calendar.id}-settings`}>
        <CsrfInput />
        {hidden}
        <label htmlFor="calendar-name">Name</label>
        <input id="calendar-name" name="name" defaultValue={calendar.name} disabled={!canEdit} required />
        <label htmlFor="calendar-zone">Time zone</label>
        <input id="calendar-zone" name="timeZone" defaultValue={calendar.timeZone} disabled={!canEdit} />
        <label htmlFor="calendar-country">Public holidays of (country code, empty: none)</label>
        <input id="calendar-country" name="country" defaultValue={calendar.country} disabled={!canEdit} />
        <label htmlFor="calendar-region">Region (optional, e.g. 57 for Moselle)</label>
        <input id="calendar-region" name="region" defaultValue={calendar.region} disabled={!canEdit} />
        {calendar.days.map((day) => (
          <DayField key={day.day} day={day} disabled={!canEdit} />
        ))}
        <label htmlFor="calendar-feature-code">Feature code: *48 followed by (digits, empty: none)</label>
        <input
          id="calendar-feature-code"
          name="featureCode"
          defaultValue={calendar.featureCode ?? ''}
          disabled={!canEdit}
          inputMode="numeric"
        />
        <label htmlFor="calendar-feature-users">People who may flip it by phone (user names)</label>
        <input
          id="calendar-feature-users"
          name="featureCodeUsers"
          defaultValue={calendar.featureCodeUsers}
          disabled={!canEdit}
          placeholder="alice, bob"
        />
        <span />
        {canEdit ? (
          <button type="submit" className="primary" name="intent" value="save" data-testid="calendar-save">
            Save
          </button>
        ) : null}
      </Form>

      <h3>Closures</h3>
      {calendar.closures.length === 0 ? <p className="muted">No one-off closure.</p> : null}
      <ul data-testid="calendar-closures">
        {calendar.closures.map((closure, index) => (
          <li key={`${closure.from}-${closure.label}-${index}`}>
            <Form method="post" className="inline-form">
              <CsrfInput />
              {hidden}
              <input type="hidden" name="index" value={index} />
              {closure.from === closure.to ? closure.from : `${closure.from} to ${closure.to}`}: {closure.label}
              {canEdit ? (
                <button type="submit" name="intent" value="remove-closure">
                  Remove
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
          <label htmlFor="closure-from">From</label>
          <input id="closure-from" name="from" type="date" required />
          <label htmlFor="closure-to">to</label>
          <input id="closure-to" name="to" type="date" />
          <label htmlFor="closure-label">Why</label>
          <input id="closure-label" name="label" placeholder="e.g. Christmas break" required />
          <button type="submit" name="intent" value="add-closure">
            Add closure
          </button>
        </Form>
      ) : null}

      <h3>Public holidays this year</h3>
      {calendar.publicHolidays.length === 0 ? (
        <p className="muted">None: this calendar follows no country’s public holidays.</p>
      ) : (
        <ul>
          {calendar.publicHolidays.map((holiday) => (
            <li key={`${holiday.date}-${holiday.name}`}>
              {holiday.date}: {holiday.name}
            </li>
          ))}
        </ul>
      )}

      <h3>Used by</h3>
      <p>
        {calendar.usedBy.length > 0
          ? `Published flows: ${calendar.usedBy.join(', ')}.`
          : 'No published flow uses this calendar.'}
        {calendar.draftsUsing.length > 0 ? ` Drafts: ${calendar.draftsUsing.join(', ')}.` : ''}
      </p>
      {canEdit ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          {hidden}
          <button type="submit" name="intent" value="delete" data-testid="calendar-delete">
            Delete calendar
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function DayField({ day, disabled }: { day: Detail['days'][number]; disabled: boolean }) {
  return (
    <>
      <label htmlFor={`calendar-hours-${day.day}`}>{day.name}</label>
      <input
        id={`calendar-hours-${day.day}`}
        name={`hours-${day.day}`}
        defaultValue={day.hours}
        disabled={disabled}
        placeholder="09:00-12:30, 13:30-18:00 or closed"
      />
    </>
  );
}
