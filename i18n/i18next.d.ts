import type { frCatalogue } from './catalogues/fr/index.ts';

// Keys are checked at compile time against the French catalogue (the reference; English must have the same keys,
// see catalogue-type.ts): t('layout:nav.flows') compiles, a typo does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof frCatalogue;
  }
}
