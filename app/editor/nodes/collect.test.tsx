import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const data = { variable: 'pin', maxDigits: 4, terminator: '#' as const, timeoutSeconds: 5 };

describe('Collect digits inspector', () => {
  it('shows the prompt fields only when something is said first', () => {
    expect(probeInspector('collect', data).fields).toEqual([
      'prompt',
      'variable',
      'maxDigits',
      'terminator',
      'timeoutSeconds',
    ]);
    const prompt = { text: 'Your PIN', language: 'en-US' };
    expect(probeInspector('collect', { ...data, prompt }).fields).toEqual([
      'prompt',
      'prompt.text',
      'prompt.language',
      'prompt.voice',
      'variable',
      'maxDigits',
      'terminator',
      'timeoutSeconds',
    ]);
  });

  it('adds a French prompt when ticked, and removes the prompt field entirely when unticked', () => {
    expect(probeInspector('collect', data).edit('prompt', true).data.prompt).toEqual({
      text: 'Tapez votre numéro, puis dièse.',
      language: 'fr-FR',
    });
    const withPrompt = probeInspector('collect', { ...data, prompt: { text: 'PIN?', language: 'fr-FR' } });
    expect(withPrompt.edit('prompt', false).data).not.toHaveProperty('prompt');
  });

  it('hands on the variable, digit count and terminator', () => {
    const form = probeInspector('collect', data);
    expect(form.edit('variable', 'account')).toEqual({ data: { ...data, variable: 'account' }, field: 'variable' });
    expect(form.edit('maxDigits', 8).data.maxDigits).toBe(8);
    expect(form.edit('terminator', 'none').data.terminator).toBe('none');
  });
});
