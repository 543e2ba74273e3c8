import { describe, expect, it } from 'vitest';
import { defaultDataOf } from '#flows/catalogue.ts';
import { fillMissing, viewNodeData } from './editable-data.ts';

describe('viewNodeData', () => {
  it('shows valid data as it is written, not trimmed by the schema', () => {
    const view = viewNodeData('say', { text: 'Bonjour ', language: 'fr-FR' });
    expect(view.state).toBe('editable');
    if (view.state !== 'editable') return;
    expect(view.data).toEqual({ text: 'Bonjour ', language: 'fr-FR' });
    expect(view.branches.map((branch) => branch.id)).toEqual(['next']);
  });

  it('keeps a half-finished node editable, with its branches', () => {
    const data = { ...defaultDataOf('menu'), prompt: { text: '', language: 'fr-FR' }, timeoutSeconds: 2.5 };
    const view = viewNodeData('menu', data);
    expect(view.state).toBe('editable');
    if (view.state !== 'editable') return;
    expect(view.branches.map((branch) => branch.id)).toEqual(['1', '2', 'timeout', 'invalid', 'failed']);
  });

  it('fills fields missing from an older or hand-written document with the defaults', () => {
    const view = viewNodeData('conference', { room: '7001', name: 'Team' });
    expect(view.state).toBe('editable');
    if (view.state !== 'editable' || view.type !== 'conference') return;
    expect(view.data).toMatchObject({ room: '7001', name: 'Team', maxMembers: 20, muteOnJoin: false });
  });

  it('calls data damaged when the form could not read it', () => {
    const view = viewNodeData('menu', { prompt: 'hello', options: 'one' });
    expect(view.state).toBe('damaged');
    if (view.state !== 'damaged') return;
    expect(view.problems.some((problem) => problem.startsWith('prompt'))).toBe(true);
  });

  it('names a type Switchboard does not know', () => {
    expect(viewNodeData('fax', {})).toEqual({ state: 'unknown-type', type: 'fax' });
  });
});

describe('fillMissing', () => {
  it('leaves another variant of a choice alone', () => {
    const filled = fillMissing({ target: { kind: 'user', username: 'bob' } }, defaultDataOf('dial'));
    expect(filled).toEqual({ target: { kind: 'user', username: 'bob' }, ringSeconds: 10 });
  });

  it('keeps values that are present, even wrong ones, for validation to report', () => {
    expect(fillMissing({ ringSeconds: -1 }, { ringSeconds: 10, extra: true })).toEqual({
      ringSeconds: -1,
      extra: true,
    });
  });
});
