import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY, PolicySchema } from '@phiguard/core';
import { pickupNotice } from './notice.js';

const LINK = 'https://secure.clinic.example.org/portal/m/Zm9vYmFyYmF6cXV4';
const EXPIRES = new Date('2026-03-31T12:00:00.000Z');
const CLINIC = PolicySchema.parse({ organisation: { name: 'Riverside Clinic' } });

describe('pickup notice', () => {
  it('says who sent it, links to the message, names the expiry and the emailed passcode', () => {
    const notice = pickupNotice({ policy: CLINIC, link: LINK, expiresAt: EXPIRES, senderName: 'Dr. Alice Kim' });
    expect(notice.subject).toBe('Secure message from Riverside Clinic');
    expect(notice.text).toBe(
      [
        'You have a secure message from Dr. Alice Kim at Riverside Clinic.',
        '',
        'Open it here:',
        LINK,
        '',
        'When you open the link, a one-time passcode is emailed to you; enter it to read the message.',
        'The link works until March 31, 2026 at 12:00 PM UTC.',
        '',
      ].join('\n'),
    );
    expect(notice.html).toContain(`<a href="${LINK}">Open the secure message</a>`);
    expect(notice.html).toContain('March 31, 2026 at 12:00 PM UTC');
  });

  it("uses the policy's own neutral subject when it has one", () => {
    const policy = PolicySchema.parse({ neutralSubject: 'Message from your care team' });
    expect(pickupNotice({ policy, link: LINK, expiresAt: EXPIRES }).subject).toBe('Message from your care team');
  });

  it('without an organisation or sender name it stays generic', () => {
    const notice = pickupNotice({ policy: DEFAULT_POLICY, link: LINK, expiresAt: EXPIRES });
    expect(notice.subject).toBe('Secure message');
    expect(notice.text.split('\n')[0]).toBe('You have a secure message.');
  });

  it('escapes names and the link in the HTML version', () => {
    const policy = PolicySchema.parse({ organisation: { name: 'Smith & Jones <Pediatrics>' } });
    const notice = pickupNotice({ policy, link: `${LINK}?a="b"`, expiresAt: EXPIRES, senderName: "Dr. O'Neil" });
    expect(notice.html).toContain('Dr. O&#39;Neil at Smith &amp; Jones &lt;Pediatrics&gt;');
    expect(notice.html).toContain('href="https://secure.clinic.example.org/portal/m/Zm9vYmFyYmF6cXV4?a=&quot;b&quot;"');
    expect(notice.html).not.toContain('<Pediatrics>');
  });
});
