import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '#flows/validate.ts';

/** Every problem of the draft; a click takes the user to the node (and field) concerned. */
export function DiagnosticsPanel({
  diagnostics,
  onFocus,
}: {
  diagnostics: readonly Diagnostic[];
  onFocus: (diagnostic: Diagnostic) => void;
}) {
  const { t } = useTranslation('editor');
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <section
      className="diagnostics-panel"
      data-testid="diagnostics"
      aria-label={t('problems.label')}
      data-errors={errors}
      data-warnings={warnings}
    >
      <h2>
        {diagnostics.length === 0 ? (
          <span className="badge ok">{t('problems.none')}</span>
        ) : (
          <>
            {errors > 0 ? <span className="badge error">{t('counts.errors', { count: errors })}</span> : null}{' '}
            {warnings > 0 ? <span className="badge warning">{t('counts.warnings', { count: warnings })}</span> : null}
          </>
        )}
      </h2>
      {diagnostics.length > 0 ? (
        <ul>
          {diagnostics.map((diagnostic, index) => {
            const target = diagnostic.nodeId ?? diagnostic.edgeId ?? diagnostic.field;
            return (
              <li key={index}>
                {target ? (
                  <button
                    type="button"
                    className={`diagnostic ${diagnostic.severity}`}
                    data-testid={`diagnostic-${index}`}
                    data-code={diagnostic.code}
                    onClick={() => onFocus(diagnostic)}
                  >
                    {diagnostic.message}
                  </button>
                ) : (
                  <span
                    className={`diagnostic ${diagnostic.severity}`}
                    data-testid={`diagnostic-${index}`}
                    data-code={diagnostic.code}
                  >
                    {diagnostic.message}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
