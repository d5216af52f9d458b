import { describe, expect, it } from '@jest/globals';
import { newConsentId } from './consent-id.js';

describe('newConsentId', () => {
  it('is a UUIDv7 carrying its millisecond', () => {
    const id = newConsentId(Date.parse('2030-01-01T00:00:00.000Z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2030-01-01T00:00:00.000Z'));
  });

  it('ids made in the same millisecond, or with the clock set back, still sort in creation order', () => {
    const base = Date.parse('2031-01-01T00:00:00.000Z');
    const ids = [...Array.from({ length: 5000 }, () => newConsentId(base)), newConsentId(base - 60_000), newConsentId(base + 10)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
