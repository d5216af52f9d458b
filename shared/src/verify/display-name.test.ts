import { describe, expect, it } from '@jest/globals';
import { displayNameMismatch } from './display-name.js';

describe('display name against mailbox', () => {
  it.each([
    ['Dr. Sarah Lee, MD', 'sarah.lee@northside-cardiology.com'],
    ['Sarah Lee', 'slee@clinic.example.org'],
    ['Sarah Lee', 'lees@clinic.example.org'],
    ['Sarah J. Lee', 'sjl@clinic.example.org'],
    ['Maria Gonzalez', 'mgonzalez1978@gmail.com'],
    ['Maria Gonzalez', 'maria.g@yahoo.com'],
    ['Billing Department', 'billing@quest-labs.com'],
    ['Quest Results Team', 'results@quest-labs.com'],
    ['Lee', 'x7@clinic.example.org'],
    [undefined, 'anyone@clinic.example.org'],
    ['sarah.lee@northside-cardiology.com', 'sarah.lee@northside-cardiology.com'],
  ])('%s <%s> matches', (name, address) => {
    expect(displayNameMismatch(name, address)).toBe(false);
  });

  it.each([
    ['Sarah Lee', 'mjones@clinic.example.org'],
    ['Dr. Sarah Lee', 'robert.king@northside-cardiology.com'],
    ['Maria Gonzalez', 'jdoe1990@gmail.com'],
    ['sarah.lee@northside-cardiology.com', 'sarah.lee@northside-cardio1ogy.com'],
  ])('%s <%s> does not', (name, address) => {
    expect(displayNameMismatch(name, address)).toBe(true);
  });
});
