import { describe, expect, it } from '@jest/globals';
import { FixSchema } from './fix.js';

describe('FixSchema', () => {
  it('accepts the five kinds of fix', () => {
    for (const fix of [
      { type: 'neutral_subject', subject: 'Secure message' },
      { type: 'mask', field: 'body', start: 1, end: 5, kind: 'SSN', style: 'last_four' },
      { type: 'add_disclaimer', text: 'CONFIDENTIAL.' },
      { type: 'apply_protection', method: 'portal', recipients: ['a@b.example'] },
      { type: 'remove_recipient', address: 'a@b.example', reasons: ['lookalike_domain'] },
    ]) {
      expect(FixSchema.safeParse(fix).success).toBe(true);
    }
  });

  it('rejects masks in attachments and TLS as something to apply', () => {
    expect(FixSchema.safeParse({ type: 'mask', field: 'attachment', start: 1, end: 5, kind: 'SSN', style: 'last_four' }).success).toBe(false);
    expect(FixSchema.safeParse({ type: 'apply_protection', method: 'tls', recipients: [] }).success).toBe(false);
  });
});
