import { describe, expect, it } from '@jest/globals';
import { applyFixes, resolveFixes } from './apply.js';
import type { Fix } from './fix.js';

const draft = {
  subject: 'Re: 531-72-0846',
  body: 'DOB 03/14/1962, SSN 531-72-0846.',
};
const fixes: Fix[] = [
  { type: 'neutral_subject', subject: 'Secure message' },
  { type: 'mask', field: 'body', start: 4, end: 14, kind: 'DATE', style: 'year_only' },
  { type: 'mask', field: 'body', start: 20, end: 31, kind: 'SSN', style: 'last_four' },
  { type: 'add_disclaimer', text: 'CONFIDENTIAL.' },
  { type: 'apply_protection', method: 'portal', recipients: ['a@b.example'] },
];

describe('resolveFixes', () => {
  it('gives each mask its replacement, computed from the draft', () => {
    const masks = resolveFixes(draft, fixes).filter((f) => f.type === 'mask');
    expect(masks.map((m) => m.type === 'mask' && m.replacement)).toEqual(['**/**/1962', '***-**-0846']);
  });

  it('drops fixes the draft no longer needs: neutral subject already set, disclaimer present, stale masks', () => {
    const done = { subject: 'Secure message', body: 'CONFIDENTIAL.' };
    expect(resolveFixes(done, fixes).map((f) => f.type)).toEqual(['apply_protection']);
  });

  it('a mask that would change nothing is not offered', () => {
    expect(resolveFixes({ body: 'SSN ending 0846' }, [{ type: 'mask', field: 'body', start: 11, end: 15, kind: 'SSN', style: 'last_four' }])).toEqual([]);
  });
});

describe('applyFixes', () => {
  it('applies masks, the neutral subject and the disclaimer, keeping offsets right', () => {
    expect(applyFixes(draft, fixes)).toEqual({
      subject: 'Secure message',
      body: 'DOB **/**/1962, SSN ***-**-0846.\n\nCONFIDENTIAL.',
    });
  });

  it('skips a mask that overlaps another', () => {
    const overlapping: Fix[] = [
      { type: 'mask', field: 'body', start: 20, end: 31, kind: 'SSN', style: 'last_four' },
      { type: 'mask', field: 'body', start: 24, end: 31, kind: 'ACCOUNT', style: 'last_four' },
    ];
    expect(applyFixes(draft, overlapping).body).toBe('DOB 03/14/1962, SSN 531-**-0846.');
  });

  it('leaves recipients and protection to the host', () => {
    const only: Fix[] = [{ type: 'remove_recipient', address: 'x@y.example', reasons: ['lookalike_domain'] }];
    expect(applyFixes(draft, only)).toEqual(draft);
  });
});
