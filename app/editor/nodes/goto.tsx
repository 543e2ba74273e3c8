import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../forms/fields.tsx';
import { useEditorContext } from '../editor-context.ts';
import { defineNodeEditor, type InspectorProps } from './node-editor.ts';

function GotoInspector({ data, onChange }: InspectorProps<'goto'>) {
  const { otherFlows } = useEditorContext();
  const { t } = useTranslation('editor');
  const target = data.target;
  return (
    <>
      <SelectField
        path="target.kind"
        label={t('forms.goto.continueIn')}
        value={target.kind}
        options={[
          { value: 'number', label: t('forms.goto.byNumber') },
          { value: 'flow', label: t('forms.goto.otherFlow') },
        ]}
        onChange={(kind) =>
          onChange(
            { ...data, target: kind === 'number' ? { kind, number: '' } : { kind, flowId: otherFlows[0]?.id ?? '' } },
            'target.kind',
          )
        }
      />
      {target.kind === 'number' ? (
        <TextField
          path="target.number"
          label={t('forms.goto.number')}
          value={target.number}
          onChange={(number) => onChange({ ...data, target: { kind: 'number', number } }, 'target.number')}
        />
      ) : (
        <SelectField
          path="target.flowId"
          label={t('forms.goto.flow')}
          value={target.flowId || undefined}
          options={otherFlows.map((flow) => ({ value: flow.id, label: flow.name }))}
          onChange={(flowId) => onChange({ ...data, target: { kind: 'flow', flowId } }, 'target.flowId')}
        />
      )}
    </>
  );
}

export const gotoEditor = defineNodeEditor('goto', {
  summary: (data, t) =>
    data.target.kind === 'number'
      ? t('editor:forms.goto.summaryNumber', { number: data.target.number })
      : t('editor:forms.goto.summaryFlow', { flow: data.target.flowId }),
  Inspector: GotoInspector,
});
