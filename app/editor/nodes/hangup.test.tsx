import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

describe('Hang up inspector', () => {
  it('has nothing to set', () => {
    const form = probeInspector('hangup', {});
    expect(form.fields).toEqual([]);
    expect(form.buttons).toEqual([]);
    expect(form.html).toContain('The call ends here');
  });
});
