import { describe, expect, it } from '@jest/globals';
import { buildFixes } from './fixes.js';
import { finding, policyOf } from './testing.js';

const policy = policyOf();
const none = { method: undefined, recipients: [] };

describe('buildFixes', () => {
  it('an allowed message gets no edits beyond the disclaimer for PHI', () => {
    expect(buildFixes({ action: 'allow', findings: [finding('SSN', 'subject')], phi: false, hits: [], protection: none, policy })).toEqual([]);
  });

  it('offers one removal per recipient, naming every reason it resolves', () => {
    const hits = [
      { code: 'consent_missing' as const, address: 'p@x.example' },
      { code: 'lookalike_domain' as const, address: 'p@x.example' },
      { code: 'first_time_recipient' as const, address: 'q@x.example' },
    ];
    expect(buildFixes({ action: 'block', findings: [], phi: false, hits, protection: none, policy })).toEqual([
      { type: 'remove_recipient', address: 'p@x.example', reasons: ['consent_missing', 'lookalike_domain'] },
    ]);
  });

  it('never offers to mask inside an attachment (hosts cannot edit attachment files)', () => {
    const fixes = buildFixes({ action: 'warn', findings: [finding('SSN', 'attachment', 0, 0)], phi: false, hits: [], protection: none, policy });
    expect(fixes).toEqual([]);
  });
});
