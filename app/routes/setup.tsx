import { data, Form, redirect, useNavigation } from 'react-router';
import { signInAndRedirect } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { verifyCsrf } from '../csrf.server.ts';
import { createFirstAdministrator, isSetUp } from './setup.server.ts';
import type { Route } from './+types/setup';

// The first run of an install: nobody can sign in yet, so this page creates the first administrator. Once any
// staff account exists it is closed for good (the same check runs again inside the insert's transaction).

export function meta() {
  return [{ title: 'Set up · Switchboard' }];
}

export function loader({ context }: Route.LoaderArgs) {
  if (isSetUp(context.services.db)) throw redirect('/sign-in');
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  verifyCsrf(request, formData);
  const created = await createFirstAdministrator(context.services.db, formData);
  if ('fieldErrors' in created) return data({ fieldErrors: created.fieldErrors }, { status: 400 });
  return signInAndRedirect(request, context, created.account, '/');
}

export default function Setup({ actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  const errors: Partial<Record<string, string[]>> = actionData?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>Welcome to Switchboard</h1>
      <p>Nobody can sign in yet. Create the first administrator: they can then invite everyone else.</p>
      <Form method="post" className="form-grid">
        <CsrfInput />
        <label htmlFor="username">User name</label>
        <input id="username" name="username" autoComplete="username" autoFocus required />
        {errors.username ? <p className="field-error">{errors.username[0]}</p> : null}
        <label htmlFor="displayName">Full name</label>
        <input id="displayName" name="displayName" autoComplete="name" />
        {errors.displayName ? <p className="field-error">{errors.displayName[0]}</p> : null}
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required />
        {errors.password ? <p className="field-error">{errors.password[0]}</p> : null}
        <label htmlFor="confirm">Password again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
        {errors.confirm ? <p className="field-error">{errors.confirm[0]}</p> : null}
        <span />
        <button type="submit" className="primary" disabled={busy}>
          Create the administrator
        </button>
      </Form>
    </section>
  );
}
