import { useTranslation } from 'react-i18next';

/** The toolbar button that shows and hides the language matrix. */
export function LanguagesToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation(['flowLanguages']);
  return (
    <button
      type="button"
      data-testid="languages-open"
      aria-pressed={open}
      onClick={onToggle}
      title={t('toolbar.openTitle')}
    >
      {t('toolbar.open')}
    </button>
  );
}
