import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../detect/text.js';
import { addressesPatient, mentionsPatient } from './patient-cues.js';

describe('who a draft is about', () => {
  it.each([
    ['pt shorthand', 'pt called back'],
    ['a member', 'the member asked for a refund'],
    ['third-person pronoun', 'she missed two doses'],
    ['DOB', 'DOB on file'],
  ])('%s says the draft is about a patient', (_l, text) => expect(mentionsPatient(text)).toBe(true));

  it.each([
    ['a vendor invoice', 'Invoice for gloves and masks, account 400-17726, due July 15.'],
    ['an IT alert', 'Repeated failed logins on ehr-web-02; ticket opened.'],
  ])('%s is not about a patient', (_l, text) => expect(mentionsPatient(text)).toBe(false));
});

describe('who a draft speaks to', () => {
  const speaks = (text: string, term?: string) => {
    const health = term ? [{ start: text.indexOf(term) }] : [];
    return addressesPatient(text, tokenize(text), health);
  };

  it('second-person care words speak to the patient', () => expect(speaks('We moved your appointment to Friday.')).toBe(true));
  it('"your" just before a health term speaks to the patient', () => expect(speaks('Your hemoglobin A1c was 8.9%.', 'hemoglobin')).toBe(true));
  it('a colleague asked to act does not', () => expect(speaks('Can you call her about the refill?', 'refill')).toBe(false));
  it('"your" far from the health term does not', () => expect(speaks('Thanks for your note about the metformin order.', 'metformin')).toBe(false));
});
