import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { care } from './care.js';

describe('CARE_TERM', () => {
  it.each([
    ['a named clinic', "He's booked in the heart failure clinic on 6/18.", ['heart failure clinic']],
    ['a missed appointment', 'She missed her appointment and needs a follow-up visit.', ['appointment', 'follow-up visit']],
    ['discharge and home health', 'Discharge tomorrow after his CABG; needs home health nursing.', ['Discharge', 'home health nursing']],
    ['a SNF referral', 'Please fax the SNF referral today.', ['SNF', 'referral']],
    ['an ER visit', 'Seen in the ER twice last week for preterm contractions.', ['Seen in the ER']],
    ['code status and goals of care', 'Code status: DNR/DNI, goals-of-care meeting requested.', ['Code status', 'DNR/DNI', 'goals-of-care meeting']],
    ['authorized visits used', 'He completed 10 of 12 authorized visits.', ['10 of 12 authorized visits']],
    ['the ED with a care word', 'She was sent to the ED by ambulance.', ['ED']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(care, text)).toEqual(expected);
  });

  it.each([
    ['a website visit', 'Please visit our website for directions.'],
    ['battery discharge', 'The battery discharge rate is within spec.'],
    ['an IT follow-up', 'We will follow up on the ticket tomorrow.'],
    ['a training session', 'Training session moved to 3pm.'],
    ['college admissions', 'College admissions season is here.'],
    ['a wire transfer', 'Wire transfer for the vendor invoice is pending.'],
    ['an employee referral', 'Employee referral bonus is $1,000.'],
    ['a department meeting', 'The cardiology huddle moves to Thursdays.'],
    ['appointment reminders in general', 'Appointment reminders go out at 9am.'],
    ['ED as an executive director', 'Our ED will present the annual budget to the board.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(care, text)).toEqual([]);
  });
});
