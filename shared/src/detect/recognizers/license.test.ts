import { describe, expect, it } from '@jest/globals';
import { createScanner } from '../scan.js';
import { inputOf, reported } from '../testing.js';
import { dea, driverLicense, npi } from './license.js';
import { phone } from './phone.js';

describe("US_DRIVER_LICENSE", () => {
  it.each([
    ["driver license", 'TN driver license 104882713 on file', ['104882713']],
    ["driver's licence", "driver's licence: D1234-56789", ['D1234-56789']],
  ])('accepts %s', (_l, text, expected) => expect(reported(driverLicense, text)).toEqual(expected));

  it.each([
    ['licence without a number', 'bring your PA license and two IDs'],
    ['a licence word glued to another', 'licensed 2019 in Ohio'],
  ])('rejects %s', (_l, text) => expect(reported(driverLicense, text)).toEqual([]));
});

describe('prescriber numbers (NPI, DEA) are recognised but never shown as patient PHI', () => {
  it('a valid NPI outranks the phone recognizer and is not reported', () => {
    const text = 'Prescriber NPI 1234567893 signed the order';
    const findings = createScanner({ recognizers: [npi, phone] }).detect({ body: text });
    expect(findings).toEqual([]);
  });

  it('a 10-digit number failing the NPI check stays a phone number', () => {
    const text = 'call 2345678901 tomorrow';
    const findings = createScanner({ recognizers: [npi, phone] }).detect({ body: text });
    expect(findings.map((f) => f.kind)).toEqual(['PHONE']);
  });

  it.each([
    ['DEA failing its check digit', 'DEA AB1234564'],
    ['DEA with a bad first letter', 'DEA ZB1234563'],
  ])('a %s is not claimed as a DEA number', (_l, text) => {
    const candidates = dea.find(inputOf(text));
    expect(candidates).toEqual([]);
  });

  it('a DEA number passing its check digit is claimed but not shown', () => {
    const text = 'DEA AB1234563';
    expect(dea.find(inputOf(text))).toHaveLength(1);
    expect(reported(dea, text)).toEqual([]);
  });
});
