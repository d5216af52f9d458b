import { describe, expect, it } from '@jest/globals';
import { createScanner } from '../scan.js';
import { reported } from '../testing.js';
import { name } from './name.js';

// All names below are invented for these tests.
function reportedInSubject(subject: string): string[] {
  return createScanner({ recognizers: [name] })
    .scan({ subject })
    .findings.map((f) => subject.slice(f.start, f.end));
}

describe('PERSON_NAME', () => {
  it.each([
    ['first-name list word and a capitalised surname', 'Norbert Quayle is due for his colonoscopy.', ['Norbert Quayle']],
    ['"Last, First M." with a middle initial', 'Vandermolen, Agnes R. was seen today for a cough.', ['Vandermolen, Agnes R.']],
    ['Mrs. + surname reports the surname only', 'Mrs. Kaminski called about her refill.', ['Kaminski']],
    ['Ms. + surname', 'Please call Ms. Lee back about the biopsy.', ['Lee']],
    ['"pt" + full name', 'pt Lucius Parrish seen for f/u of his COPD', ['Lucius Parrish']],
    ['"patient:" + "Last, First"', 'patient: Pallister, Hedda     MRN 4410023', ['Pallister, Hedda']],
    ['"Re:" line in a pasted letter', 'Re: Hedda Pallister     DOB: 01/02/1950', ['Hedda Pallister']],
    ["a relative's first name after a family word", "pt's wife Doreen called at 0300 for an update.", ['Doreen']],
    ['a relative named in full after "her son,"', 'Please text her son, Anton Vasquez, with the time.', ['Anton Vasquez']],
    ['a daughter named without a comma', 'Her daughter Maeve is the health care proxy.', ['Maeve']],
    ['a first name followed by what the patient did', 'Philippa called about her results this morning.', ['Philippa']],
    ['a first name, a parenthesis, then what the patient did', 'Ambrose (evening slot) had his shoulder repaired last month.', ['Ambrose']],
    ['a hyphenated surname', 'Referral for Marisa Okonjo-Fairley is attached.', ['Marisa Okonjo-Fairley']],
    ['ALL-CAPS "LAST, FIRST" after PT:', 'PT: QUIMBY, HAROLD    MRN 1234567    RM 7S-04', ['QUIMBY, HAROLD']],
    ['ALL-CAPS relative in a pasted nursing note', "PT'S HUSBAND DOUGLAS PHONED AT 0415, WANTS AN UPDATE IN THE MORNING.", ['DOUGLAS']],
    ['a middle initial inside a full name', 'Seen today: Harold T. Quimby for a cough.', ['Harold T. Quimby']],
    ['the possessive is not part of the name', "Cyril Farrugia's pump supplies were delayed.", ['Cyril Farrugia']],
    ['a first name repeated alone after the full name', 'Referring Tobias Wren for a sleep study.\n\nTobias snores loudly, per his wife.', ['Tobias Wren', 'Tobias']],
    ['a stop-list first name with a possessive surname', "Rusty Hargrove's cast comes off next week.", ['Rusty Hargrove']],
    ['a stop-list first name with a plain surname', 'Joy Gallardo asked for an earlier slot.', ['Joy Gallardo']],
    ['initials after "Pt"', 'Pt J.R. in room 9 needs a bladder scan.', ['J.R.']],
    ['a parent named after "father,"', 'Caller: father, Emmett Birch\nConcern: rash since Sunday', ['Emmett Birch']],
    ['two unknown capitalised words before a DOB', 'Chukwuemeka Adeleke (DOB 02/03/1980) was admitted overnight.', ['Chukwuemeka Adeleke']],
    ['a double first name before a DOB', 'Lorna Jean Vickery, DOB 04/05/1961, needs a new walker.', ['Lorna Jean Vickery']],
    ['an accented surname', 'The adjuster asked about Tomás Echeandía and his wrist.', ['Tomás Echeandía']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(name, text)).toEqual(expected);
  });

  it.each([
    ['a surname standing alone as a subject segment', 'Quayle - biopsy results back', ['Quayle']],
    ['a surname before ", 3 West" in the subject', 'Going home Friday - Pemberton, 3 West', ['Pemberton']],
    ['a full name after "Re:" in the subject', 'Re: Agnes Vandermolen labs', ['Agnes Vandermolen']],
    ['"Last, First" in the subject', 'Rehab placement - Moreland, Bettina', ['Moreland, Bettina']],
    ['a title and surname in the subject', 'PT referral for Mr. Kowalski - post-op week 2', ['Kowalski']],
  ])('accepts in a subject: %s', (_label, subject, expected) => {
    expect(reportedInSubject(subject)).toEqual(expected);
  });

  it.each([
    ['a surname after Dr.', 'Spoke with Dr. Kulkarni about the echo.'],
    ['a full name after Dr.', 'Dr. Anand Kulkarni will call the family.'],
    ['a name followed by MD', 'Per Helena Strickland, MD, the dose is fine.'],
    ['a name followed by RN', 'Spoke with Oscar Lindell, RN at 0300.'],
    ['a name followed by PT, DPT', 'The evaluation by Janet Wolcott, PT, DPT is attached.'],
    ['a name followed by PA-C after "Ordered by:"', 'Ordered by: Thaddeus Bale, PA-C (Urgent Care)'],
    ['"with Dr. Lee"', 'Follow up with Dr. Lee next week.'],
    ['a provider possessive', "Call Dr. Whitfield's office to book."],
    ['NP before an ALL-CAPS name', 'NP HELGA MORROW PAGED AT 0140 ABOUT THE NEW FEVER.'],
    ['a provider named again without the title', 'Dr. Signe Salo reviewed the scan. Signe Salo agrees with the plan.'],
    ['months that are also names', 'Her next visits are in June and again in August.'],
    ['a weekday and a month in "Last, First" shape', 'See you Tuesday, April 8 at the clinic.'],
    ['"Will" as a verb', 'Will you send the refill today?'],
    ['"May" as a verb', 'May I reschedule the MRI to next week?'],
    ['"Hope" as a verb', 'Hope you are feeling better after the procedure.'],
    ['"Grace" as a common noun', 'Grace period ends on the first of the month.'],
    ['stop-list first names alone', 'Patience at the pharmacy says it is ready, and Joy from billing will call.'],
    ['an organisation name', 'The films were faxed to Brookline Harbor Hospital today.'],
    ['an organisation led by a first name', 'Sent the referral to Carson Valley Medical Center.'],
    ['a name joined by "&"', 'The class meets in the Lung & Sleep Pavilion, 2nd floor.'],
    ['a saint-named hospital', 'She was admitted to St. Agnes Medical Center overnight.'],
    ['drug names', 'Started Eliquis and Jardiance; held Ozempic.'],
    ['merge fields', 'Dear {{first_name}} {{last_name}},\nYour annual physical is due.'],
    ['a street address led by a first name', 'Mail the statement to 812 Marion Oaks Rd, Fairview.'],
    ['a town with a state code', 'She moved to Milton Springs, OH last year.'],
    ['a vocative first name', 'Greta, can you cover the front desk tomorrow?'],
    ['a colleague who will do something', 'Colette will cover the phones on Friday.'],
    ['capitalised common words', 'Care Team Update: Please Review The New Policy'],
    ['an acronym after "patient"', 'Keep the patient NPO until the scan.'],
    ['a family word at the start of a sentence', 'Daughter wants to discuss hospice options.'],
    ['an eponymous award', 'She won the Florence Nightingale Award last year.'],
    ['an eponymous disease', 'Workup for Addison Disease is pending.'],
    ['a company led by two first names', 'Enrollment with Morgan Stanley Benefits closes soon.'],
    ['an insurer made of stop-list words', 'Billed to Blue Cross Blue Shield on 3/2.'],
    ['an email address in title case', 'Send the form to Jane.Doe@example.com today.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(name, text)).toEqual([]);
  });

  it.each([
    ['a plain subject', 'Staff meeting moved to Friday 8:00'],
    ['a single common word as a segment', 'Quick question - OK to hold warfarin?'],
    ['a provider in the subject', 'New provider onboarding - Dr. Anand Kulkarni'],
    ['a merge field in the subject', 'Reminder: {{first_name}}, your flu shot is due'],
  ])('rejects in a subject: %s', (_label, subject) => {
    expect(reportedInSubject(subject)).toEqual([]);
  });

  it('scans a 50 KB draft quickly (no regex backtracking blow-up)', () => {
    const text = 'Aaaa Bbbb-Cccc ' .repeat(2000) + "O'".repeat(5000) + 'Pt: ' + 'A.'.repeat(3000);
    const t = Date.now();
    reported(name, text);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
