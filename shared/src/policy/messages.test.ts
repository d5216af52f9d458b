import { describe, expect, it } from '@jest/globals';
import { POLICY_ISSUE_MESSAGES } from './messages.js';

describe('policy issue messages', () => {
  it('are single short sentences an admin can act on', () => {
    for (const text of Object.values(POLICY_ISSUE_MESSAGES)) {
      expect(text.length).toBeLessThanOrEqual(120);
      expect(text.endsWith('.')).toBe(true);
    }
  });
});
