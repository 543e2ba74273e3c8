import { useTranslation } from 'react-i18next';
import { data, Form, redirect, useNavigation } from 'react-router';
import { signInAndRedirect } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { verifyCsrf } from '../csrf.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { translateFieldErrors } from '../i18n/translate-message.ts';
import { createFirstAdministrator, isSetUp } from './setup.server.ts';
import type { Route } from './+types/setup';

// The first run of an install: nobody can sign in yet, so this page creates the first administrator. Once any
// staff account exists it is closed for good (the same check runs again inside the insert's transaction).

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'auth:setup.title') }];
}

export function loader({ context }: Route.LoaderArgs) {
  if (isSetUp(context.services.db)) throw redirect('/sign-in');
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  verifyCsrf(request, formData);
  const t = requestTranslator(request, context);
  const created = await createFirstAdministrator(context.services.db, formData, t);
  if ('fieldErrors' in created) {
    return data({ fieldErrors: translateFieldErrors(t, created.fieldErrors) }, { status: 400 });
  }
  return signInAndRedirect(request, context, created.account, '/');
}

export default function Setup({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['auth', 'common']);
  const busy = useNavigation().state === 'submitting';
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>{t('setup.heading')}</h1>
      <p>{t('setup.intro')}</p>
      <Form method="post" className="form-grid">
        <CsrfInput />
        <label htmlFor="username">{t('setup.username')}</label>
        <input id="username" name="username" autoComplete="username" autoFocus required />
        {errors.username ? <p className="field-error">{errors.username}</p> : null}
        <label htmlFor="displayName">{t('setup.displayName')}</label>
        <input id="displayName" name="displayName" autoComplete="name" />
        {errors.displayName ? <p className="field-error">{errors.displayName}</p> : null}
        <label htmlFor="password">{t('setup.password')}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required />
        {errors.password ? <p className="field-error">{errors.password}</p> : null}
        <label htmlFor="confirm">{t('setup.confirm')}</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
        {errors.confirm ? <p className="field-error">{errors.confirm}</p> : null}
        <span />
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </Form>
    </section>
  );
}
