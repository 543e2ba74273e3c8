import { describe, expect, it } from 'vitest';
import { bodyLimitFor, describeBytes, MAX_FLOW_BODY_BYTES, MAX_FORM_BODY_BYTES } from './request-limits.ts';

describe('bodyLimitFor', () => {
  it('gives flow documents and the API 5 MB, every other form 256 KB, whichever way React Router posts them', () => {
    for (const path of ['/', '/_root.data', '/flows/flw_1/edit', '/flows/flw_1/edit.data']) {
      expect(bodyLimitFor(path), path).toEqual({ bytes: MAX_FLOW_BODY_BYTES, what: 'A flow document', api: false });
    }
    expect(bodyLimitFor('/api/flows/import')).toEqual({
      bytes: MAX_FLOW_BODY_BYTES,
      what: 'An API request body',
      api: true,
    });
    for (const path of ['/sign-in', '/sign-in.data', '/setup', '/people', '/api/prompt-preview', '/flows/flw_1']) {
      expect(bodyLimitFor(path), path).toEqual({ bytes: MAX_FORM_BODY_BYTES, what: 'This form', api: false });
    }
  });

  it('says sizes the way people read them, rounded up', () => {
    expect(describeBytes(MAX_FLOW_BODY_BYTES)).toBe('5 MB');
    expect(describeBytes(MAX_FORM_BODY_BYTES)).toBe('256 KB');
    expect(describeBytes(17_300_000)).toBe('16.5 MB');
    expect(describeBytes(5 * 1024 * 1024 + 1)).toBe('5.1 MB');
    expect(describeBytes(10)).toBe('1 KB');
  });
});
