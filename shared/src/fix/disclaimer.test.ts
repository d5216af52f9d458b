import { describe, expect, it } from '@jest/globals';
import { addDisclaimer, hasDisclaimer } from './disclaimer.js';

const text = 'CONFIDENTIAL: may contain PHI.';

describe('disclaimer', () => {
  it('is appended after a blank line', () => {
    expect(addDisclaimer('Hi Dr Lee,\nResults attached.\n\n', text)).toBe(`Hi Dr Lee,\nResults attached.\n\n${text}`);
  });

  it('is added only once, even after the mail client rewrapped it', () => {
    const once = addDisclaimer('Hi', text);
    expect(addDisclaimer(once, text)).toBe(once);
    expect(hasDisclaimer('Hi\n\nconfidential:   may contain\nPHI.', text)).toBe(true);
  });

  it('an empty body becomes the disclaimer alone', () => {
    expect(addDisclaimer('', text)).toBe(text);
  });
});
