import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { email } from './email.js';

describe('EMAIL_ADDRESS', () => {
  it.each([
    ['plain', 'write to jo.doe@example.com please', ['jo.doe@example.com']],
    ['plus tag and subdomain', '<j+clinic@mail.example.org>', ['j+clinic@mail.example.org']],
    ['at sentence end', 'her address is ana_r@example.net.', ['ana_r@example.net']],
  ])('accepts %s', (_l, text, expected) => expect(reported(email, text)).toEqual(expected));

  it.each([
    ['no domain dot', 'user@localhost is not mail'],
    ['a handle', 'ping @jdoe on chat'],
    ['single-letter TLD', 'x@example.c'],
    ['merge field', '{{email}} goes here'],
  ])('rejects %s', (_l, text) => expect(reported(email, text)).toEqual([]));
});
