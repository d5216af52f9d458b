import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { biometric } from './biometric.js';

describe('BIOMETRIC_ID', () => {
  it.each([
    ['fingerprint template id', 'fingerprint template FP-20931-77 enrolled', ['FP-20931-77']],
    ['DNA sample number', 'DNA sample #DS-44810 sent to the lab', ['DS-44810']],
  ])('accepts %s', (_l, text, expected) => expect(reported(biometric, text)).toEqual(expected));

  it.each([
    ['the word with no id', 'use the fingerprint reader'],
    ['a count after the word', 'fingerprint x2'],
    ['a scanner model with one digit', 'iris scan V2 device'],
  ])('rejects %s', (_l, text) => expect(reported(biometric, text)).toEqual([]));
});
