import { SelectField, TextField } from '../forms/fields.tsx';
import { useEditorContext } from '../editor-context.ts';
import { defineNodeEditor, type InspectorProps } from './node-editor.ts';

function GotoInspector({ data, onChange }: InspectorProps<'goto'>) {
  const { otherFlows } = useEditorContext();
  const target = data.target;
  return (
    <>
      <SelectField
        path="target.kind"
        label="Continue in"
        value={target.kind}
        options={[
          { value: 'number', label: 'The flow published on a number' },
          { value: 'flow', label: 'Another flow' },
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
          label="Number"
          value={target.number}
          onChange={(number) => onChange({ ...data, target: { kind: 'number', number } }, 'target.number')}
        />
      ) : (
        <SelectField
          path="target.flowId"
          label="Flow"
          value={target.flowId || undefined}
          options={otherFlows.map((flow) => ({ value: flow.id, label: flow.name }))}
          onChange={(flowId) => onChange({ ...data, target: { kind: 'flow', flowId } }, 'target.flowId')}
        />
      )}
    </>
  );
}

export const gotoEditor = defineNodeEditor('goto', {
  summary: (data) =>
    data.target.kind === 'number' ? `Continue on ${data.target.number}` : `Continue in flow ${data.target.flowId}`,
  Inspector: GotoInspector,
});
