import { defineNodeEditor } from './node-editor.ts';

export const startEditor = defineNodeEditor('start', {
  summary: () => 'Every call begins here.',
  Inspector: () => (
    <p className="muted">
      Calls to this flow's numbers begin here. The numbers are set in <strong>Flow settings</strong>; connect "Call
      arrives" to the first step.
    </p>
  ),
});
