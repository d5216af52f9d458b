import { describe, expect, it } from '@jest/globals';
import { scannedAttachments } from './attachment-scan.js';

const uploads = [{ name: 'referral.pdf', contentType: 'application/pdf', data: 'JVBERi0=' }, { name: 'card.jpg', data: '/9j/' }];

describe('attachments the service read for a host', () => {
  it('become a part per page, and the unreadable ones say why', () => {
    const answer = {
      parts: [
        { name: 'referral.pdf', contentType: 'application/pdf', page: 1, text: 'Maria Gonzalez, SSN 531-72-0846' },
        { name: 'referral.pdf', contentType: 'application/pdf', page: 2, text: 'type 2 diabetes' },
      ],
      uninspectable: [{ name: 'card.jpg', reason: 'image_too_large' as const }],
    };
    expect(scannedAttachments(uploads, answer)).toEqual([
      { name: 'referral.pdf', contentType: 'application/pdf', page: 1, text: 'Maria Gonzalez, SSN 531-72-0846' },
      { name: 'referral.pdf', contentType: 'application/pdf', page: 2, text: 'type 2 diabetes' },
      { name: 'card.jpg', uninspectable: 'image_too_large' },
    ]);
  });

  it('without an answer every upload is uninspectable, never silently clean', () => {
    expect(scannedAttachments(uploads, undefined)).toEqual([
      { name: 'referral.pdf', contentType: 'application/pdf', uninspectable: 'scan_unavailable' },
      { name: 'card.jpg', uninspectable: 'scan_unavailable' },
    ]);
  });
});
