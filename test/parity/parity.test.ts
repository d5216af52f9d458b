import { describe, expect, it } from '@jest/globals';
import { REASON_CODES, type Decision } from '@phiguard/core';
import { adapters } from './adapters/index.js';
import { loadFixtures } from './fixture.js';

const fixtures = loadFixtures();
const cases = fixtures.map((f) => ({ name: f.input.name, ...f }));
const codes = (d: Decision) => [...d.reasons.map((r) => r.code)].sort();

describe.each(adapters)('$name', (adapter) => {
  for (const { name, input, expected } of cases) {
    const reason = adapter.cannotExpress?.(input);
    if (reason !== undefined) {
      it.skip(`${name} (skipped: ${reason})`, () => undefined);
      continue;
    }
    it(name, async () => {
      const decision = await adapter.decide(input);
      expect({ action: decision.action, reasons: codes(decision) }).toEqual({ action: expected.action, reasons: [...expected.reasons].sort() });
    });
  }
});

describe('parity', () => {
  it.each(cases)('every host that can express it reaches the same whole decision: $name', async ({ input }) => {
    const able = adapters.filter((a) => a.cannotExpress?.(input) === undefined);
    expect(able.map((a) => a.name)).toContain('core');
    const [reference, ...others] = await Promise.all(able.map((a) => a.decide(input)));
    for (const other of others) expect(other).toEqual(reference);
  });

  it('the fixtures exercise every reason code', () => {
    const seen = new Set(fixtures.flatMap((f) => f.expected.reasons));
    expect(REASON_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });
});
