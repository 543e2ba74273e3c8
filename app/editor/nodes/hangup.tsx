import { defineNodeEditor } from './node-editor.ts';

export const hangupEditor = defineNodeEditor('hangup', {
  summary: () => 'End the call.',
  Inspector: () => <p className="muted">The call ends here. It has nothing to set.</p>,
});
