import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../detect/finding.js';
import { categoryOf, type Kind } from '../detect/kinds.js';
import { assess } from './verdict.js';

const about = { aboutPatient: true };
const f = (kind: Kind, field: Finding['field'] = 'body'): Finding => ({
  field, start: 0, end: 1, kind, category: categoryOf(kind), score: 0.9, recognizer: 'T', why: 't',
});

describe('message verdict', () => {
  it('a patient identifier with health information is PHI', () => {
    expect(assess([f('NAME'), f('CONDITION')], about)).toMatchObject({ phi: true, subjectPhi: false });
  });

  it('health information with no one it belongs to is not PHI', () => {
    expect(assess([f('CONDITION'), f('MEDICATION')], about)).toMatchObject({ phi: false });
  });

  it('an identifier without health information is not PHI, and stays visible', () => {
    const r = assess([f('SSN')], about);
    expect(r.phi).toBe(false);
    expect(r.findings.map((x) => x.kind)).toEqual(['SSN']);
  });

  it('a meeting date, a help-desk phone and a condition are not PHI, and the date and phone are not shown', () => {
    const r = assess([f('DATE'), f('PHONE'), f('CONDITION')], about);
    expect(r.phi).toBe(false);
    expect(r.findings.map((x) => x.kind)).toEqual(['CONDITION']);
  });

  it('the subject leaks when it carries the identifier of a PHI draft', () => {
    expect(assess([f('NAME', 'subject'), f('LAB')], about)).toMatchObject({ phi: true, subjectPhi: true });
  });

  it('a subject with only a health term does not leak who the patient is', () => {
    expect(assess([f('CONDITION', 'subject'), f('MRN')], about)).toMatchObject({ phi: true, subjectPhi: false });
  });

  it('an account or claim number is a patient identifier only when the draft is about a patient', () => {
    expect(assess([f('ACCOUNT'), f('PROCEDURE')], about).phi).toBe(true);
    expect(assess([f('OTHER_ID'), f('PROCEDURE')], { aboutPatient: false })).toMatchObject({ phi: false, findings: [{ kind: 'PROCEDURE' }] });
  });

  it('a name is a person identifier whatever else the draft says', () => {
    expect(assess([f('NAME'), f('CONDITION')], { aboutPatient: false }).phi).toBe(true);
  });

  it('quasi-identifiers are shown when the draft holds PHI', () => {
    const r = assess([f('MRN'), f('DATE'), f('PHONE'), f('LAB')], about);
    expect(r.findings.map((x) => x.kind)).toEqual(['MRN', 'DATE', 'PHONE', 'LAB']);
  });
});
