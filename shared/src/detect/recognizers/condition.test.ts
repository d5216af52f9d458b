import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { condition } from './condition.js';

describe('CONDITION_TERM', () => {
  it.each([
    ['diagnoses and a body-part finding', 'Her husband says the atrial fibrillation is back and she has new ankle swelling.', ['atrial fibrillation', 'ankle swelling']],
    ['clinical abbreviations as written, with a CKD stage', 'Pt with HTN, DM2 and CKD 3b presented with substernal chest pain.', ['HTN', 'DM2', 'CKD 3b', 'substernal chest pain']],
    ['a pain score joins its site', 'He rated his incisional pain 7/10 this morning.', ['incisional pain 7/10']],
    ['a measured imaging finding', 'Imaging showed a 1.8 cm spiculated nodule in the left upper lobe.', ['1.8 cm spiculated nodule']],
    ['pregnancy by weeks', 'She is 28 weeks pregnant and was diagnosed with gestational diabetes.', ['28 weeks pregnant', 'gestational diabetes']],
    ['everyday words beside a family member', 'Mom says he has had a fever and a rash since Tuesday.', ['fever', 'rash']],
    ['depression about a person', 'Her depression has been worse since the move; she is not sleeping.', ['depression']],
    ['a fall at home', 'He had a fall at home and hit his head.', ['had a fall']],
    ['an ambiguous abbreviation next to a clinical word', 'Known MS, now with worsening leg weakness.', ['MS', 'leg weakness']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(condition, text)).toEqual(expected);
  });

  it.each([
    ['economic history', 'The Great Depression reshaped banking regulation.'],
    ['cold chain logistics', 'Please keep vaccines in cold storage; the cold chain logger alarmed twice.'],
    ['weather and a season', 'Cold weather is coming, so bring a jacket to the fall offsite.'],
    ['business numbers that fell', 'Our Q3 numbers fell short; the growth rate was depressed by the fall in demand.'],
    ['MS as Microsoft', 'The MS Teams link for the fall meeting is below.'],
    ['a cold drink', 'I have a cold brew in the break room if anyone wants one.'],
    ['pain as a figure of speech', 'That meeting was a pain to schedule.'],
    ['mass as in bulk', 'The database migration hit a mass update error.'],
    ['RA and PE as business abbreviations', 'RA for the grant is due; send it to the PE firm by Friday.'],
    ['shock in engineering', 'We need to fix the bug in the shock absorber test rig.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(condition, text)).toEqual([]);
  });
});
