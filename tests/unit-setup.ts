import { setI18n } from 'react-i18next';
import { i18nFor } from '#i18n/translator.ts';

// Components rendered by unit tests have no page around them, hence no I18nextProvider: they read English, the
// language the unit tests were written in. Pages choose their language per request (app/root.tsx).
setI18n(i18nFor('en'));
