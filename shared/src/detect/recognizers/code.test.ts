import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { code } from './code.js';

describe('MEDICAL_CODE', () => {
  it.each([
    ['CPT codes after "CPT"', 'CPT 97110 and 97140, 2x/week for 4 weeks.', ['97110', '97140']],
    ['an ICD-10-CM code after "Dx"', 'Dx: lumbar radiculopathy (M54.16).', ['M54.16']],
    ['a 7th-character code with X placeholders on a claim', 'The claim has R51.9 first and W19.XXXA second.', ['R51.9', 'W19.XXXA']],
    ['billed CPT codes', 'Billed 99285 with CT head (70450).', ['99285', '70450']],
    ['HCPCS DME items', 'Items: E0601 CPAP device, A7030 full face mask.', ['E0601', 'A7030']],
    ['a CDT code beside a dental term', 'Porcelain crown on #19 (D2740) was denied.', ['D2740']],
    ['COVID-19', 'Primary diagnosis U07.1, secondary J96.01.', ['U07.1', 'J96.01']],
  ])('accepts %s', (_label, text, expected) => {
    expect(reported(code, text)).toEqual(expected);
  });

  it.each([
    ['a ZIP after a state', 'Ship to 1200 Main St, Springfield, IL 62704.'],
    ['an order and a part number', 'Order 45821 shipped with part A1234.'],
    ['a promo code', 'Use promo code 99213 at checkout.'],
    ['an access code', 'Access code 72148 for the dial-in.'],
    ['a version and a ticket', 'Version V12.3 is out; see ticket INC0048812.'],
    ['an extension and a room', 'Call ext. 22614 or room 30412.'],
    ['a dollar amount', 'Invoice total $45,385 due 30 days.'],
    ['vitamin and lab names', 'Vitamin B12 and A1C levels.'],
    ['a connector part number', 'The J9271 connector spec is attached.'],
    ['a suite and a ZIP', 'Suite 20417, Lake Orran, NY 13999.'],
    ['a highway', 'Route 66 and Highway I10 west.'],
  ])('rejects %s', (_label, text) => {
    expect(reported(code, text)).toEqual([]);
  });
});
