import { describe, expect, it } from '@jest/globals';
import { analyseLayout } from './layout.js';

const staffText = (text: string) => {
  const { staff, greeting } = analyseLayout(text);
  return [...greeting, ...staff].sort((a, b) => a.start - b.start).map((s) => text.slice(s.start, s.end));
};

describe("the writer's own lines", () => {
  it('a greeting line and a closing signature are the writer side', () => {
    const body = 'Dr. Ortiz,\n\nPlease see the note below.\nThe pt needs a call.\n\nThanks,\nAmy Lee, RN\nCity Clinic | (412) 555-0100';
    expect(staffText(body)).toEqual(['Dr. Ortiz,', 'Thanks,\nAmy Lee, RN\nCity Clinic | (412) 555-0100']);
  });

  it('a last paragraph opening with a bare name is a signature', () => {
    const body = 'Hi Beth,\n\nCan you move the 3 pm?\n\nKayla\nFront Desk | Bright Dental\n88 Mill Road';
    expect(staffText(body)).toEqual(['Hi Beth,', 'Kayla\nFront Desk | Bright Dental\n88 Mill Road']);
  });

  it('each quoted message has its own greeting and signature', () => {
    const body = 'Ok, done.\n\nJo\n\n-----Original Message-----\nFrom: A Person\nSent: Monday, June 9, 2025 8:14 AM\n\nHello,\nplease call me.\n\nThanks,\nSam';
    expect(staffText(body)).toEqual(['Jo', 'Sent: Monday, June 9, 2025 8:14 AM', 'Hello,', 'Thanks,\nSam']);
  });

  it('a last paragraph of clinical text is not a signature', () => {
    const body = 'Update below.\n\nPt: Ana Ruiz   DOB 1/2/1950\nBP 120/80, afebrile.';
    expect(staffText(body)).toEqual([]);
  });

  it('a one-line body has no greeting or signature', () => {
    expect(staffText('Jane,')).toEqual([]);
  });
});
