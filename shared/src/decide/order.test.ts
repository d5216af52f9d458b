import { describe, expect, it } from '@jest/globals';
import { compareFindings, toRefs, uniqueSorted } from './order.js';
import { finding } from './testing.js';

describe('canonical order', () => {
  it('findings sort by field (subject, body, attachment), attachment, then position', () => {
    const sorted = [finding('SSN', 'attachment', 0, 1), finding('SSN', 'body', 9), finding('SSN', 'attachment', 5, 0), finding('NAME', 'subject', 3), finding('DATE', 'body', 2)].sort(compareFindings);
    expect(sorted.map((f) => [f.field, f.attachment, f.start])).toEqual([
      ['subject', undefined, 3], ['body', undefined, 2], ['body', undefined, 9], ['attachment', 0, 5], ['attachment', 1, 0],
    ]);
  });

  it('references drop text-free duplicates (the same span from two recognizers)', () => {
    const a = finding('SSN', 'body', 4);
    expect(toRefs([a, { ...a, recognizer: 'OTHER' }])).toEqual([{ field: 'body', start: 4, end: 8, kind: 'SSN' }]);
  });

  it('uniqueSorted', () => {
    expect(uniqueSorted(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
