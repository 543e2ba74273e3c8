import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

describe('Start inspector', () => {
  it('has nothing to set and says where the numbers are set', () => {
    const form = probeInspector('start', {});
    expect(form.fields).toEqual([]);
    expect(form.html).toContain('<strong>Flow settings</strong>');
  });
});
