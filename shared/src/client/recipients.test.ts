import { describe, expect, it } from '@jest/globals';
import { RecipientSchema, type Recipient } from '../decide/recipient.js';
import { recipientFacts } from './recipients.js';

describe('recipient facts for decide', () => {
  const compose = [
    { address: 'dr.lee@outside.example', name: 'Dr Lee', type: 'to' as const },
    { address: 'billing@cityclinic.example', type: 'cc' as const },
  ];

  it('takes the service answer where it gave one, keeping the compose field', () => {
    const answer: Recipient = RecipientSchema.parse({ address: 'dr.lee@outside.example', classification: 'external', type: 'to' });
    const facts = recipientFacts(compose, new Map([[answer.address, { ...answer, type: 'bcc' as const }]]));
    expect(facts[0]).toMatchObject({ address: 'dr.lee@outside.example', classification: 'external', type: 'to' });
    expect(facts[1]).toEqual({ address: 'billing@cityclinic.example', type: 'cc', lookup: 'unavailable' });
  });

  it('marks everyone unavailable when the service did not answer, so the fail mode decides', () => {
    expect(recipientFacts(compose, undefined).map((f) => f.lookup)).toEqual(['unavailable', 'unavailable']);
  });
});
