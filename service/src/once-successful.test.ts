import { describe, expect, it } from '@jest/globals';
import { onceSuccessful } from './once-successful.js';

describe('onceSuccessful', () => {
  it('loads once for every caller after a success, and again after a failure', async () => {
    let calls = 0;
    const load = onceSuccessful(async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return calls;
    });
    await expect(load()).rejects.toThrow('down');
    expect(await Promise.all([load(), load()])).toEqual([2, 2]);
    expect(await load()).toBe(2);
    expect(calls).toBe(2);
  });
});
