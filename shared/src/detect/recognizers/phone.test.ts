import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { fax } from './fax.js';
import { phone } from './phone.js';

describe('PHONE_NUMBER', () => {
  it.each([
    ['parenthesised area code', 'call her at (412) 555-0199 today', ['(412) 555-0199']],
    ['dashes', 'cell 412-555-0199', ['412-555-0199']],
    ['dots', 'reach him on 412.555.0199', ['412.555.0199']],
    ['country code and extension', 'desk +1 412 555 0199 ext. 12', ['+1 412 555 0199 ext. 12']],
    ['international', 'mobile +44 7700 900123 while abroad', ['+44 7700 900123']],
    ['bare ten digits with phone context', 'phone 4125550199', ['4125550199']],
  ])('accepts %s', (_l, text, expected) => expect(reported(phone, text)).toEqual(expected));

  it.each([
    ['area code starting with 1', 'call 112-555-0199'],
    ['area code with middle 9 (reserved)', 'call 492-555-0199'],
    ['N11 exchange', 'call 412-911-0199'],
    ['exchange starting with 0', 'call 412-055-0199'],
    ['bare ten digits without context', 'order 4125550199 shipped'],
    ['part of a longer number', 'ref 94125550199'],
    ['a date range', 'from 2024-2025 onward'],
  ])('rejects %s', (_l, text) => expect(reported(phone, text)).toEqual([]));
});

describe('FAX_NUMBER', () => {
  it.each([
    ['"fax" before the number', 'please fax back to (412) 555-0163', ['(412) 555-0163']],
    ['"faxed" before the number', 'faxed to 412-555-0163 at noon', ['412-555-0163']],
  ])('accepts %s', (_l, text, expected) => expect(reported(fax, text)).toEqual(expected));

  it.each([
    ['a phone number with no fax word near', 'call (412) 555-0163 tomorrow'],
    ['an invalid number after fax', 'fax 112-555-0163'],
  ])('rejects %s', (_l, text) => expect(reported(fax, text)).toEqual([]));
});
