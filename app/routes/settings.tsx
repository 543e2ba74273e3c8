import { useTranslation } from 'react-i18next';
import { data, Form, useNavigation } from 'react-router';
import { requireUser } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { personalPhone, saveLanguageSetting } from './settings.server.ts';
import { languageFromAcceptLanguage, DEFAULT_UI_LANGUAGE, UI_LANGUAGES } from '#i18n/languages.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import type { Route } from './+types/settings';

// A person's own preferences. For now the interface language: "automatic" follows the browser, so the same account
// reads French at the office and English on a colleague's laptop until they choose. Below it, read-only, whose
// phone the account's web softphone uses (set by an administrator on the staff accounts page).

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'layout:settings.title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireUser(request, context);
  return {
    chosen: account.language ?? '',
    language: requestLanguage(request, context),
    browserLanguage: languageFromAcceptLanguage(request.headers.get('accept-language')) ?? DEFAULT_UI_LANGUAGE,
    phone: personalPhone(context.services.db, account.id),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const auth = await requireUser(request, context);
  const formData = await request.formData();
  const saved = saveLanguageSetting(context.services.db, auth.account.id, formData.get('language'));
  if (!saved.ok) return data({ ok: false as const, error: saved.error }, { status: 400 });
  return { ok: true as const };
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['layout', 'common', 'staffPhone']);
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel narrow">
      <h1>{t('settings.title')}</h1>
      <Form method="post" className="form-grid">
        <CsrfInput />
        <label htmlFor="language">{t('settings.languageLabel')}</label>
        <select id="language" name="language" defaultValue={loaderData.chosen} aria-describedby="language-help">
          <option value="">
            {t('settings.languageAutomatic', { language: t(`languages.${loaderData.browserLanguage}`) })}
          </option>
          {UI_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`languages.${language}`)}
            </option>
          ))}
        </select>
        <p id="language-help" className="muted form-note">
          {t('settings.languageHelp')}
        </p>
        {actionData && !actionData.ok ? (
          <p className="field-error" role="alert">
            {t(actionData.error)}
          </p>
        ) : null}
        {actionData?.ok ? (
          <p className="form-note" role="status">
            {t('settings.saved')}
          </p>
        ) : null}
        <button type="submit" className="primary form-note" disabled={busy}>
          {t('common:actions.save')}
        </button>
      </Form>
      <h2>{t('staffPhone:settings.label')}</h2>
      <p data-testid="your-phone">
        {loaderData.phone
          ? t('staffPhone:person', { name: loaderData.phone.name, extension: loaderData.phone.extension })
          : t('staffPhone:settings.none')}
      </p>
      {loaderData.phone ? <p className="muted">{t('staffPhone:settings.help')}</p> : null}
    </section>
  );
}
