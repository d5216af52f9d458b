import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../detect/finding.js';
import { categoryOf, type Kind } from '../detect/kinds.js';
import { assess } from './verdict.js';

const f = (kind: Kind, field: Finding['field'] = 'body'): Finding => ({
  field, start: 0, end: 1, kind, category: categoryOf(kind), score: 0.9, recognizer: 'T', why: 't',
});

describe('message verdict', () => {
  it('a patient identifier with health information is PHI', () => {
    expect(assess([f('NAME'), f('CONDITION')])).toMatchObject({ phi: true, subjectPhi: false });
  });

  it('health information with no one it belongs to is not PHI', () => {
    expect(assess([f('CONDITION'), f('MEDICATION')])).toMatchObject({ phi: false });
  });

  it('an identifier without health information is not PHI, and stays visible', () => {
    const r = assess([f('SSN')]);
    expect(r.phi).toBe(false);
    expect(r.findings.map((x) => x.kind)).toEqual(['SSN']);
  });

  it('a meeting date, a help-desk phone and a condition are not PHI, and the date and phone are not shown', () => {
    const r = assess([f('DATE'), f('PHONE'), f('CONDITION')]);
    expect(r.phi).toBe(false);
    expect(r.findings.map((x) => x.kind)).toEqual(['CONDITION']);
  });

  it('the subject leaks when it carries the identifier of a PHI draft', () => {
    expect(assess([f('NAME', 'subject'), f('LAB')])).toMatchObject({ phi: true, subjectPhi: true });
  });

  it('a subject with only a health term does not leak who the patient is', () => {
    expect(assess([f('CONDITION', 'subject'), f('MRN')])).toMatchObject({ phi: true, subjectPhi: false });
  });

  it('quasi-identifiers are shown when the draft holds PHI', () => {
    const r = assess([f('MRN'), f('DATE'), f('PHONE'), f('LAB')]);
    expect(r.findings.map((x) => x.kind)).toEqual(['MRN', 'DATE', 'PHONE', 'LAB']);
  });
});
