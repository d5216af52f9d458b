import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { lab } from './lab.js';

describe('LAB_RESULT', () => {
  it.each([
    ['a test with "of" and a percent', 'Her A1c of 9.4% is up from 8.1.', ['A1c of 9.4%']],
    ['a vitals line', 'VS: BP 142/88, HR 104, RR 22, T 38.1, SpO2 91% on 2L NC.', ['BP 142/88', 'HR 104', 'RR 22', 'T 38.1', 'SpO2 91% on 2L NC']],
    ['K+ with a value and a panel', 'K+ 6.1 on the morning BMP; repeat ordered.', ['K+ 6.1', 'BMP']],
    ['a flag in parentheses', 'Troponin I 2.8 (H), CBC pending.', ['Troponin I 2.8 (H)', 'CBC']],
    ['a printout row with a critical flag', 'Potassium        6.4    HH', ['Potassium        6.4    HH']],
    ['"was" before the value, and an analyte near a clinical word', 'His creatinine was 1.6 in August; recheck potassium tomorrow.', ['creatinine was 1.6', 'potassium']],
    ['a screening score', 'Her PHQ-9 score was 19 today.', ['PHQ-9 score was 19']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(lab, text)).toEqual(expected);
  });

  it.each([
    ['HR as human resources', 'HR 2024 benefits enrollment closes Friday.'],
    ['a building letter and a date', 'Meet at Building T 12 at 10/12 for the BP 10/12 review.'],
    ['a nutrition label', 'Sodium 140 mg per serving.'],
    ['a lab room number', 'Lab 3 is closed for cleaning.'],
    ['a form number', 'The K 401 form is attached.'],
    ['a portfolio weight', 'Our weight is 20% in equities.'],
    ['a server room temperature', 'Temperature in the server room hit 85 F.'],
    ['Saturday', 'Sat 10/4 is the picnic.'],
    ['a blood-pressure-shaped date', 'BP 10/12 quarterly review in the boardroom.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(lab, text)).toEqual([]);
  });
});
