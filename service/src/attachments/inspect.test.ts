import { describe, expect, it } from '@jest/globals';
import { scan } from '@phiguard/core';
import { inspect, toDraftAttachments } from './inspect.js';

const referral = {
  parts: [
    { name: 'referral.pdf', contentType: 'application/pdf', page: 1, text: 'Referral letter' },
    { name: 'referral.pdf', contentType: 'application/pdf', page: 2, text: 'Maria Gonzalez, SSN 531-72-0846, type 2 diabetes. Call (412) 555-0100.' },
  ],
  uninspectable: [],
};
const archive = { parts: [{ name: 'labs.zip/cbc.txt', text: 'Nothing to see' }], uninspectable: [{ name: 'labs.zip/old.pdf', reason: 'encrypted' as const }] };

describe('inspecting extracted attachments', () => {
  it('counts the kinds found in each part, by part, name and page, and in all', () => {
    const result = inspect([referral, archive]);
    expect(result.findings).toEqual([{ part: 1, name: 'referral.pdf', page: 2, kinds: expect.objectContaining({ SSN: 1, PHONE: 1 }) }]);
    expect(result.phiKinds).toEqual(result.findings[0]!.kinds);
    expect(result.parts.map((p) => p.name)).toEqual(['referral.pdf', 'referral.pdf', 'labs.zip/cbc.txt']);
    expect(result.uninspectable).toEqual([{ name: 'labs.zip/old.pdf', reason: 'encrypted' }]);
  });

  it("does not count the organisation's own details", () => {
    expect(inspect([referral], { org: { phones: ['(412) 555-0100'] } }).phiKinds).not.toHaveProperty('PHONE');
  });

  it('cuts names to the draft limit, so every part can go into a draft as it is', () => {
    const long = { parts: [{ name: `${'a'.repeat(300)}.txt`, text: 'x' }], uninspectable: [{ name: 'b'.repeat(300), reason: 'timeout' as const }] };
    const result = inspect([long]);
    expect([result.parts[0]!.name.length, result.uninspectable[0]!.name.length]).toEqual([255, 255]);
  });
});

describe('extracted attachments as draft attachments', () => {
  it('gives one per part with its page, then one per file that could not be inspected, so decide sees it', () => {
    const attachments = toDraftAttachments(archive);
    expect(attachments).toEqual([
      { name: 'labs.zip/cbc.txt', text: 'Nothing to see' },
      { name: 'labs.zip/old.pdf', uninspectable: 'encrypted' },
    ]);
    expect(scan({ attachments }).uninspectable).toEqual([{ attachment: 1, reason: 'encrypted' }]);
    expect(toDraftAttachments(referral)[1]).toMatchObject({ name: 'referral.pdf', page: 2 });
  });
});
