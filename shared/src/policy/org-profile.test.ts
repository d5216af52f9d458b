import { describe, expect, it } from '@jest/globals';
import { toOrgProfile } from './org-profile.js';
import { PolicySchema } from './schema.js';

describe('toOrgProfile', () => {
  it("gives the scanner the organisation's domains, phone and fax numbers and addresses", () => {
    const policy = PolicySchema.parse({
      organisation: {
        name: 'City Clinic',
        domains: ['clinic.example'],
        phones: ['(412) 555-0100'],
        faxes: ['(412) 555-0101'],
        addresses: ['1 Main St, Pittsburgh PA'],
        partnerDomains: ['lab.example'],
      },
    });
    expect(toOrgProfile(policy)).toEqual({
      name: 'City Clinic',
      domains: ['clinic.example'],
      phones: ['(412) 555-0100', '(412) 555-0101'],
      addresses: ['1 Main St, Pittsburgh PA'],
    });
  });

  it('partner domains are not the organisation: a partner address in a draft can still be PHI context', () => {
    const policy = PolicySchema.parse({ organisation: { partnerDomains: ['lab.example'] } });
    expect(toOrgProfile(policy).domains).toEqual([]);
  });
});
