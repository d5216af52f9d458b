import { describe, expect, it } from '@jest/globals';
import { freeMailPosingAs } from './free-mail.js';

const organisations = ['clinic.example.org', 'northside-cardiology.com', 'quest-labs.com'];

describe('free-mail address with an organisation name', () => {
  it('names the partner a free-mail address claims to be', () => {
    expect(freeMailPosingAs('northside.cardiology@gmail.com', undefined, organisations)).toBe('northside-cardiology.com');
    expect(freeMailPosingAs('frontdesk2024@yahoo.com', 'Northside Cardiology Front Desk', organisations)).toBe('northside-cardiology.com');
    expect(freeMailPosingAs('questlabs.results@outlook.com', 'Results', organisations)).toBe('quest-labs.com');
  });

  it('leaves ordinary free-mail users and real domains alone', () => {
    expect(freeMailPosingAs('maria.gonzalez@gmail.com', 'Maria Gonzalez', organisations)).toBeUndefined();
    expect(freeMailPosingAs('results@quest-labs.com', 'Quest Labs', organisations)).toBeUndefined();
  });

  it('uses the list it is given', () => {
    expect(freeMailPosingAs('northside.cardiology@mailbox.example', undefined, organisations, ['mailbox.example'])).toBe('northside-cardiology.com');
    expect(freeMailPosingAs('northside.cardiology@gmail.com', undefined, organisations, [])).toBeUndefined();
  });
});
