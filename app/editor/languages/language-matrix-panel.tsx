import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '#flows/document.ts';
import { nodeLabel } from '#flows/validate.ts';
import { translatorFor } from '#i18n/translator.ts';
import { usePageLanguage } from '#app/i18n/use-language.ts';
import { ListenButton } from '../forms/listen-button.tsx';
import { languageMatrix, withPromptText, type MatrixCell, type MatrixRow } from './language-matrix.ts';
import { languageName } from './language-name.ts';
import './language-matrix.css';

const FIELD_KEYS = {
  '': 'own',
  prompt: 'prompt',
  greeting: 'greeting',
  'periodicMessage.prompt': 'periodicMessage',
} as const;

function fieldKey(field: string) {
  return FIELD_KEYS[field as keyof typeof FIELD_KEYS] ?? 'prompt';
}

/**
 * Every prompt of the flow (rows) in every language it speaks (columns): the translations callers will need and do
 * not have are marked, and each cell is edited in place, with its own Listen button in that language.
 */
export function LanguageMatrixPanel({
  document,
  readOnly,
  onChangeNodeData,
  onSelectNode,
  onClose,
}: {
  document: FlowDocument;
  readOnly: boolean;
  onChangeNodeData: (nodeId: string, data: unknown, field: string) => void;
  onSelectNode: (nodeId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['flowLanguages']);
  const page = usePageLanguage();
  const matrix = useMemo(() => languageMatrix(document), [document]);
  // Nodes named as validation names them ("Menu « main-menu »"), in the page's language.
  const pageT = translatorFor(page);
  const nodeData = useMemo(() => new Map(document.nodes.map((node) => [node.id, node.data])), [document]);

  function change(row: MatrixRow, cell: MatrixCell, text: string) {
    const data = withPromptText(nodeData.get(row.nodeId), row.field, cell, text);
    const where = `${row.field ? `${row.field}.` : ''}${cell.kind === 'own' ? 'text' : `translations.${cell.language}`}`;
    onChangeNodeData(row.nodeId, data, where);
  }

  const summary =
    matrix.callLanguages.length < 2
      ? t('matrix.oneLanguage')
      : matrix.missing > 0
        ? t('matrix.summary', { count: matrix.missing })
        : t('matrix.complete');

  return (
    <section className="floating-panel language-matrix" data-testid="language-matrix" aria-label={t('matrix.title')}>
      <header>
        <h2>{t('matrix.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('matrix.close')}>
          ×
        </button>
      </header>
      <p
        className={matrix.missing > 0 ? 'language-matrix-summary has-missing' : 'language-matrix-summary'}
        data-testid="language-matrix-summary"
        data-missing={matrix.missing}
      >
        {summary}
      </p>
      {matrix.rows.length === 0 ? (
        <p className="muted">{t('matrix.empty')}</p>
      ) : (
        <div className="language-matrix-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('matrix.prompt')}</th>
                {matrix.languages.map((language, index) => (
                  <th key={language} scope="col" data-language={language}>
                    {languageName(language, page)}
                    <span className="muted small">
                      {index === 0
                        ? t('matrix.flowLanguage')
                        : matrix.callLanguages.includes(language)
                          ? language
                          : t('matrix.notUsed')}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => {
                const promptName = nodeLabel(row.nodeType, row.nodeId, pageT);
                return (
                  <tr key={`${row.nodeId}:${row.field}`} data-node-id={row.nodeId} data-field={row.field}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => onSelectNode(row.nodeId)}>
                        {promptName}
                      </button>
                      <span className="muted small">{t(`matrix.field.${fieldKey(row.field)}`)}</span>
                    </th>
                    {row.cells.map((cell) => (
                      <MatrixCellView
                        key={cell.language}
                        cell={cell}
                        label={t('matrix.cellLabel', {
                          prompt: promptName,
                          language: languageName(cell.language, page),
                        })}
                        readOnly={readOnly}
                        onChange={(text) => change(row, cell, text)}
                      />
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MatrixCellView({
  cell,
  label,
  readOnly,
  onChange,
}: {
  cell: MatrixCell;
  label: string;
  readOnly: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation(['flowLanguages']);
  const text = cell.kind === 'own' || cell.kind === 'translated' ? cell.text : '';
  return (
    <td className={`language-cell ${cell.kind}`} data-language={cell.language} data-state={cell.kind}>
      <textarea
        value={text}
        rows={2}
        aria-label={label}
        readOnly={readOnly}
        placeholder={
          cell.kind === 'missing' ? t('matrix.missing') : cell.kind === 'not-needed' ? t('matrix.notNeeded') : ''
        }
        onChange={(event) => onChange(event.target.value)}
      />
      {text.trim() ? <ListenButton prompt={{ text, language: cell.language }} /> : null}
    </td>
  );
}
