import { describe, expect, it } from '@jest/globals';
import { createScanner } from './scan.js';
import { name } from './recognizers/name.js';

const scanner = createScanner({ recognizers: [name] });
const names = (subject: string, body: string) =>
  scanner.detect({ subject, body }).map((f) => `${f.field}:${(f.field === 'subject' ? subject : body).slice(f.start, f.end)}`);

describe('a name found in one field is a name in the others', () => {
  it('a surname alone in the subject is the patient named in the body', () => {
    // "Qorvathi" is in no name list: only the body's "Adaeze Qorvathi (MRN …)" makes it a name.
    expect(names('Discharge tomorrow - Qorvathi, 5 East', '')).toEqual([]);
    expect(names('Discharge tomorrow - Qorvathi, 5 East', 'Adaeze Qorvathi (MRN 30522914) is cleared.')).toContain('subject:Qorvathi');
  });

  it("a word that is only the writer's own name is not carried into the subject", () => {
    expect(names('Notes from Ingeborg', 'Hi,\n\nPlease see below.\n\nThanks,\nIngeborg Tveit')).toEqual([]);
  });

  it('a name is not carried when it is a lower-case word elsewhere', () => {
    expect(names('hope to see you', 'Hope Zeller (DOB 1/2/1950) called.')).toEqual(['body:Hope Zeller']);
  });
});
