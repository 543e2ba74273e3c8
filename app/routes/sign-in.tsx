import { Button, Callout, TextField } from '@radix-ui/themes';
import { useTranslation } from 'react-i18next';
import { data, Form, redirect, useNavigation } from 'react-router';
import { z } from 'zod';
import { checkStaffPassword, getStaffAuth, safeRedirect, signInAndRedirect } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { verifyCsrf } from '../csrf.server.ts';
import { signInThrottle } from '../sign-in-throttle.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { translateFieldErrors } from '../i18n/translate-message.ts';
import { isSetUp } from './setup.server.ts';
import type { Route } from './+types/sign-in';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'auth:signIn.title') }];
}

export function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  if (getStaffAuth(request, context)) throw redirect(redirectTo);
  if (!isSetUp(context.services.db)) throw redirect('/setup');
  return { redirectTo };
}

// No password rules here: the form checks what was typed against what exists, and says nothing more than "wrong".
const signInSchema = z.object({
  username: z.string().trim().min(1, 'auth:signIn.usernameRequired'),
  password: z.string().min(1, 'auth:signIn.passwordRequired'),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  verifyCsrf(request, formData);
  const t = requestTranslator(request, context);
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return data(
      { fieldErrors: translateFieldErrors(t, z.flattenError(parsed.error).fieldErrors), formError: null },
      { status: 400 },
    );
  }
  const { username, password, redirectTo } = parsed.data;

  // The try is counted before the (slow, asynchronous) password check, so parallel guesses cannot all slip in.
  const waitMs = signInThrottle.claimAttempt(username);
  if (waitMs > 0) {
    const minutes = Math.ceil(waitMs / 60_000);
    return data(
      {
        fieldErrors: {},
        formError: t('auth:signIn.tooManyAttempts', { count: minutes }),
      },
      { status: 429 },
    );
  }
  const account = await checkStaffPassword(context, username, password);
  if (!account) {
    return data({ fieldErrors: {}, formError: t('auth:signIn.wrongCredentials') }, { status: 400 });
  }
  signInThrottle.recordSuccess(username);
  return signInAndRedirect(request, context, account, safeRedirect(redirectTo));
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['auth', 'common']);
  const busy = useNavigation().state === 'submitting';
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>{t('signIn.heading')}</h1>
      <Form method="post" className="form-grid">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <label htmlFor="username">{t('signIn.username')}</label>
        <TextField.Root id="username" name="username" autoComplete="username" autoFocus required />
        {errors.username ? <p className="field-error">{errors.username}</p> : null}
        <label htmlFor="password">{t('signIn.password')}</label>
        <TextField.Root id="password" name="password" type="password" autoComplete="current-password" required />
        {errors.password ? <p className="field-error">{errors.password}</p> : null}
        <span />
        <Button type="submit" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </Form>
      {actionData?.formError ? (
        <Callout.Root color="red" variant="surface" mt="4" role="alert">
          <Callout.Text>{actionData.formError}</Callout.Text>
        </Callout.Root>
      ) : null}
    </section>
  );
}
