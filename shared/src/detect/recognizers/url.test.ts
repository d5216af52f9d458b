import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { url } from './url.js';

describe('URL', () => {
  it.each([
    ['https link', 'see https://portal.example.org/enc/E-1234 now', ['https://portal.example.org/enc/E-1234']],
    ['trailing period is not part of the link', 'at http://example.com/a.', ['http://example.com/a']],
    ['www link', 'visit www.example.org/forms', ['www.example.org/forms']],
  ])('accepts %s', (_l, text, expected) => expect(reported(url, text)).toEqual(expected));

  it.each([
    ['a bare domain in prose', 'the example.org team'],
    ['a scheme with nothing after it', 'type http:// first'],
    ['a file path', 'saved to C:\\reports\\may.pdf'],
  ])('rejects %s', (_l, text) => expect(reported(url, text)).toEqual([]));
});
