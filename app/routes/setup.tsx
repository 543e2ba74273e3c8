import { data, Form, redirect, useNavigation } from 'react-router';
import { z } from 'zod';
import {
  countStaffAccounts,
  createFirstAdmin,
  displayNameSchema,
  passwordSchema,
  SetupAlreadyDoneError,
  usernameSchema,
} from '#db/auth.ts';
import { signInAndRedirect } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { verifyCsrf } from '../csrf.server.ts';
import type { Route } from './+types/setup';

// The first run of an install: nobody can sign in yet, so this page creates the first administrator. Once any
// staff account exists it is closed for good (the same check runs again inside the insert's transaction).

export function meta() {
  return [{ title: 'Set up · Switchboard' }];
}

export function loader({ context }: Route.LoaderArgs) {
  if (countStaffAccounts(context.services.db) > 0) throw redirect('/sign-in');
  return null;
}

const setupSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'The two passwords differ' });

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  verifyCsrf(request, formData);
  if (countStaffAccounts(context.services.db) > 0) {
    throw data('Switchboard is already set up: sign in, or ask an administrator for an account.', {
      status: 403,
      statusText: 'Forbidden',
    });
  }
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  try {
    const account = await createFirstAdmin(context.services.db, parsed.data);
    return signInAndRedirect(request, context, account, '/');
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) throw data(error.message, { status: 403, statusText: 'Forbidden' });
    throw error;
  }
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
