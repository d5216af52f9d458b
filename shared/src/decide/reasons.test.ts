import { describe, expect, it } from '@jest/globals';
import { REASON_CODES } from './reasons.js';

describe('reason codes', () => {
  it('are a public contract: the issued codes stay, in snake_case', () => {
    expect(REASON_CODES).toEqual(expect.arrayContaining([
      'phi_in_subject', 'phi_unprotected', 'phi_in_attachment', 'lookalike_domain',
      'first_time_recipient', 'consent_missing', 'service_unavailable',
    ]));
    for (const code of REASON_CODES) expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
  });
});
