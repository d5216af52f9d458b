import { describe, expect, it } from '@jest/globals';
import { createScanner } from '../scan.js';
import { recognizePhoto } from './photo.js';

describe('PHOTO_ATTACHMENT', () => {
  it.each([
    ['a phone camera file', { name: 'IMG_4412.HEIC' }, 0.7],
    ['a wound photo', { name: 'wound-left-heel.jpg' }, 0.7],
    ['an insurance card scan', { name: 'insurance_card_front.png' }, 0.7],
    ['an image with a neutral name', { name: 'chart.png', contentType: 'image/png' }, 0.5],
  ])('flags %s', (_l, attachment, score) => expect(recognizePhoto(attachment)?.score).toBe(score));

  it.each([
    ['a PDF', { name: 'referral.pdf', contentType: 'application/pdf' }],
    ['a spreadsheet named photo', { name: 'photo-consent-log.xlsx' }],
    ['a text file', { name: 'IMG_notes.txt', contentType: 'text/plain' }],
  ])('ignores %s', (_l, attachment) => expect(recognizePhoto(attachment)).toBeUndefined());

  it('an image attachment is reported on its attachment even without text', () => {
    const found = createScanner({ recognizers: [] }).detect({ attachments: [{ name: 'a.txt', text: 'hi' }, { name: 'IMG_1.jpg' }] });
    expect(found).toMatchObject([{ field: 'attachment', attachment: 1, kind: 'PHOTO', start: 0, end: 0 }]);
  });
});
