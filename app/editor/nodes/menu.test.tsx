import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const data = {
  prompt: { text: 'Press 1 or 2', language: 'fr-FR' },
  options: [
    { digit: '1' as const, label: 'Sales' },
    { digit: '2' as const, label: '' },
  ],
  timeoutSeconds: 5,
  retries: 2,
  bargeIn: true,
};

describe('Menu inspector', () => {
  it('shows the prompt, a key and a label per option, then what happens when the caller does not choose', () => {
    const form = probeInspector('menu', data);
    expect(form.fields).toEqual([
      'prompt.text',
      'prompt.language',
      'prompt.voice',
      'options.0.digit',
      'options.0.label',
      'options.1.digit',
      'options.1.label',
      'timeoutSeconds',
      'retries',
      'bargeIn',
    ]);
    expect(form.html).toContain('value="Sales"');
  });

  it('hands on a relabelled option and the chosen key', () => {
    const form = probeInspector('menu', data);
    expect(form.edit('options.1.label', 'Support')).toEqual({
      data: { ...data, options: [data.options[0], { digit: '2', label: 'Support' }] },
      field: 'options.1.label',
    });
    expect(form.edit('options.0.digit', '9').data.options.map((option) => option.digit)).toEqual(['9', '2']);
    expect(form.edit('retries', 0).data.retries).toBe(0);
    expect(form.edit('bargeIn', false).data.bargeIn).toBe(false);
  });

  it('adds the first unused key, and removes an option', () => {
    const form = probeInspector('menu', data);
    expect(form.press('Add a key').data.options).toEqual([...data.options, { digit: '3', label: '' }]);
    expect(form.press('Remove option 1')).toEqual({ data: { ...data, options: [data.options[1]] }, field: 'options' });
  });

  it('keeps the last option: its Remove button is disabled', () => {
    const form = probeInspector('menu', { ...data, options: [data.options[0]!] });
    expect(form.isDisabled('Remove option 1')).toBe(true);
  });
});
