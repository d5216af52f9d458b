import { describe, expect, it } from '@jest/globals';
import { isStricter, strictest } from './action.js';

describe('actions', () => {
  it('are ordered allow < warn < encrypt < block', () => {
    expect(isStricter('warn', 'allow')).toBe(true);
    expect(isStricter('encrypt', 'warn')).toBe(true);
    expect(isStricter('block', 'encrypt')).toBe(true);
    expect(isStricter('warn', 'warn')).toBe(false);
  });

  it('the strictest of none is allow', () => {
    expect(strictest([])).toBe('allow');
    expect(strictest(['warn', 'block', 'encrypt'])).toBe('block');
  });
});
