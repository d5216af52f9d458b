import { describe, expect, it } from '@jest/globals';
import type { Decision } from './decision.js';
import { onSendMessage, ON_SEND_MESSAGE_LIMIT, REASON_MESSAGES } from './messages.js';
import { REASON_CODES, type ReasonCode } from './reasons.js';

const decisionWith = (...codes: ReasonCode[]): Decision => ({
  action: 'block',
  reasons: codes.map((code) => ({ code, action: 'block', overridable: false, recipients: [], fields: [], findings: [] })),
  perRecipient: [],
  fixes: [],
  overridable: false,
  justificationRequired: false,
});

describe('reason messages', () => {
  it('every reason has a short message that says what to do', () => {
    for (const code of REASON_CODES) {
      expect(REASON_MESSAGES[code].length).toBeGreaterThan(0);
      expect(REASON_MESSAGES[code].length).toBeLessThanOrEqual(100);
    }
  });

  it('never carry placeholders for draft text', () => {
    expect(Object.values(REASON_MESSAGES).join(' ')).not.toMatch(/[{}<>$]/);
  });
});

describe('onSendMessage', () => {
  it('joins the reasons in the order decide gave them', () => {
    expect(onSendMessage(decisionWith('phi_in_subject', 'phi_unprotected'))).toBe(
      `${REASON_MESSAGES.phi_in_subject} ${REASON_MESSAGES.phi_unprotected}`,
    );
  });

  it('stays within the Smart Alerts limit with every reason at once, cutting at whole sentences', () => {
    const text = onSendMessage(decisionWith(...REASON_CODES));
    expect(text.length).toBeLessThanOrEqual(ON_SEND_MESSAGE_LIMIT);
    expect(text.endsWith('.')).toBe(true);
  });

  it('is empty for a decision with no reasons', () => {
    expect(onSendMessage(decisionWith())).toBe('');
  });
});
