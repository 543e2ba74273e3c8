import { createInstance, type i18n, type TFunction } from 'i18next';
import { enCatalogue } from './catalogues/en/index.ts';
import { frCatalogue } from './catalogues/fr/index.ts';
import { DEFAULT_UI_LANGUAGE, type UiLanguage } from './languages.ts';

/** Every namespace, as the French catalogue (the reference) lists them. */
export const NAMESPACES = Object.keys(frCatalogue) as Namespace[];
export type Namespace = keyof typeof frCatalogue;

/**
 * A translate function that knows every namespace: keys are written with their namespace, "layout:nav.flows"
 * (keys of `common` may leave it out), and checked at compile time.
 */
export type Translate = TFunction<Namespace[]>;

const RESOURCES = { fr: withManyForms(frCatalogue), en: enCatalogue };

/**
 * French has a third plural form for round millions ("1 000 000 de secondes": Intl says "many"), which i18next
 * looks up as key_many. Our sentences never need it to differ from key_other, so it is filled in here rather than
 * written twice in every plural of the catalogue.
 */
function withManyForms<T extends object>(catalogue: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(catalogue)) {
    copy[key] = typeof value === 'object' && value !== null ? withManyForms(value) : value;
    const stem = key.endsWith('_other') ? key.slice(0, -'_other'.length) : null;
    if (stem !== null && !(`${stem}_many` in catalogue)) copy[`${stem}_many`] = value;
  }
  return copy as T;
}

const instances = new Map<UiLanguage, i18n>();

/**
 * The i18next instance of one language, created once and never switched to another language: the server renders
 * pages of both languages at the same time, so each request takes the instance of its language instead of changing
 * a shared one. Both catalogues are small (a few hundred sentences), so they load synchronously, on the server and
 * in the browser alike, and the first render already has every text.
 */
export function i18nFor(language: UiLanguage): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createInstance();
    void instance.init({
      lng: language,
      // A key both catalogues must have (catalogues.test.ts): French rather than a bare key, should one slip through.
      fallbackLng: DEFAULT_UI_LANGUAGE,
      supportedLngs: Object.keys(RESOURCES),
      resources: RESOURCES,
      ns: NAMESPACES,
      defaultNS: 'common',
      initAsync: false,
      // React escapes what it renders; the CLI and the API print plain text.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    instances.set(language, instance);
  }
  return instance;
}

/** The translate function of one language, for code outside React (loaders, actions, the CLI, validation). */
export function translatorFor(language: UiLanguage): Translate {
  let translate = translators.get(language);
  if (!translate) {
    translate = i18nFor(language).getFixedT(language, NAMESPACES);
    translators.set(language, translate);
  }
  return translate;
}

const translators = new Map<UiLanguage, Translate>();
