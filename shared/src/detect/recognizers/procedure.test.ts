import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { procedure } from './procedure.js';

describe('PROCEDURE_TERM', () => {
  it.each([
    ['a named repair', 'He is s/p right rotator cuff repair and doing well.', ['rotator cuff repair']],
    ['imaging with region and contrast', 'CT head without contrast showed no bleed.', ['CT head without contrast']],
    ['imaging with "of the" and an endoscopy', 'Scheduled for an MRI of the lumbar spine and a colonoscopy next week.', ['MRI of the lumbar spine', 'colonoscopy']],
    ['dental work', 'Her crown seat is Friday; the lab finished the porcelain crown.', ['crown seat', 'porcelain crown']],
    ['cleaning beside dental words', 'She needs a cleaning and x-rays at her next dental visit.', ['cleaning', 'x-rays']],
    ['PT as physical therapy', 'Failed six weeks of PT; ortho recommends a cortisone injection.', ['weeks of PT', 'cortisone injection']],
    ['an ampersand procedure', 'Abscess on the thigh, I&D done in clinic.', ['I&D']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(procedure, text)).toEqual(expected);
  });

  it.each([
    ['cleaning files', 'We are cleaning up the shared drive this week.'],
    ['crown molding', 'The crown molding in the lobby needs repainting.'],
    ['a conference bridge', 'Dial into the conference bridge at 9.'],
    ['PT as Pacific time', 'Let us know if the PT time slot works; the call is 3pm PT.'],
    ['CT as Connecticut', 'The CT office is moving; please update the Hartford address.'],
    ['a photo shot', 'Great shot of the team at the picnic!'],
    ['scanning a document', 'Please scan and email the signed contract.'],
    ['implanting software', 'The implant of the new ERP system was delayed.'],
    ['operations and procedures in general', 'Our operations review found no procedure gaps.'],
    ['"us" before a body word', 'Join us face to face next week.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(procedure, text)).toEqual([]);
  });
});
