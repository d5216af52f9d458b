import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { medication } from './medication.js';

describe('MEDICATION_TERM', () => {
  it.each([
    ['a generic and a brand with doses', 'Continue furosemide 40 mg daily and Eliquis 5 mg BID.', ['furosemide', 'Eliquis']],
    ['a lay drug class', 'She was started on a blood thinner after the clot.', ['blood thinner']],
    ['an everyday word near a clinical one', 'Please hold her lithium until the level comes back.', ['lithium']],
    ['an unlisted name before a dose', 'Give Xyzumab 200 mg IV once.', ['Xyzumab']],
    ['an all-caps nursing note', 'KCL 20 MEQ PO given at 0520.', ['KCL']],
    ['a brand in a pharmacy note', 'Her Humalog KwikPens were held after a cold-chain alarm.', ['Humalog', 'KwikPens']],
    ['a combination antibiotic', 'Also on trimethoprim-sulfamethoxazole for a UTI.', ['trimethoprim-sulfamethoxazole']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(medication, text)).toEqual(expected);
  });

  it.each([
    ['lithium batteries', 'Our lithium batteries ship from the Reno warehouse.'],
    ['iron as a word', 'The iron man triathlon is on Sunday.'],
    ['shot as an attempt', 'Take a shot at the draft and send it over.'],
    ['a software patch', 'We applied the security patch to all servers last night.'],
    ['a marketing drip', 'Drip campaign emails go out every Tuesday.'],
    ['a number that is not a dose', 'Total 40 mg of data? No, 40 MB.'],
    ['take plus a duration', 'Please take 20 minutes to complete the survey.'],
    ['a medicine cabinet', 'The medicine cabinet in the break room is being replaced.'],
    ['a nutrition label', 'Each serving has 140 mg sodium and 2 g fiber.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(medication, text)).toEqual([]);
  });
});
