import { decide, scan, toOrgProfile, type RecipientInput } from '@phiguard/core';
import type { RegisteredAdapter } from '../adapter.js';
import type { ParityCase } from '../fixture.js';

/** A host calling the core directly: the reference every other adapter must match. */
export const coreAdapter: RegisteredAdapter = {
  name: 'core',
  async decide(c: ParityCase) {
    const draft = { subject: c.subject, body: c.body, attachments: [...c.attachments], org: toOrgProfile(c.policy) };
    const recipients: RecipientInput[] = [
      ...c.to.map((r) => recipient(r, 'to')),
      ...c.cc.map((r) => recipient(r, 'cc')),
      ...c.bcc.map((r) => recipient(r, 'bcc')),
    ];
    return decide(scan(draft), recipients, c.protection, c.policy);
  },
};

function recipient(r: ParityCase['to'][number], type: 'to' | 'cc' | 'bcc'): RecipientInput {
  return typeof r === 'string' ? { address: r, type } : { ...r, type };
}
