import { countKinds, type ApplicableMethod } from '@phiguard/core';
import type { AuditEvent } from '../service/client.js';
import type { Checked } from './check.js';

/** What every task pane event says about the check: counts and codes, never content. */
function base(checked: Checked, time: Date, id: string): Omit<AuditEvent, 'kind'> {
  return {
    clientEventId: id,
    time: time.toISOString(),
    client: 'outlook',
    recipients: checked.recipients.map((r) => r.address.toLowerCase()),
    phiKinds: countKinds(checked.scan.findings),
    action: checked.decision.action,
    reasonCodes: checked.decision.reasons.map((r) => r.code),
  };
}

/** The user chose to send despite the decision, with their justification (the one free text kept). */
export function overrideEvent(checked: Checked, justification: string, time: Date, id: string): AuditEvent {
  const text = justification.trim().replace(/\s+/g, ' ');
  return { ...base(checked, time, id), kind: 'override', ...(text === '' ? {} : { justification: text }) };
}

export function protectionEvent(checked: Checked, protection: ApplicableMethod, time: Date, id: string): AuditEvent {
  return { ...base(checked, time, id), kind: 'protection_applied', protection };
}
