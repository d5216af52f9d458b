import { definePatternRecognizer } from '../recognizer.js';

// SSA: never area 000, 666 or 900-999, group 00 or serial 0000 (ssa.gov randomization FAQ);
// also refuse one repeated digit and the advertised 078-05-1120 / 123-45-6789 samples.
function ssnValid(value: string): boolean {
  const d = value.replace(/\D/g, '');
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
  if (/^(\d)\1{8}$/.test(d) || d === '123456789' || d === '078051120') return false;
  // Mixed delimiters (123-45 6789) are not how anyone writes an SSN.
  const seps = value.replace(/\d/g, '');
  return seps.length === 0 || seps[0] === seps[1];
}

export const ssn = definePatternRecognizer({
  id: 'US_SSN',
  kind: 'SSN',
  priority: 30,
  patterns: [
    { name: 'delimited', regex: /\b\d{3}([- .])\d{2}\1\d{4}\b/, score: 0.5 },
    { name: 'last four after SSN', regex: /\b(?:SSN|social security(?: number| no\.?)?)\W{0,3}(?:ending(?: in)?|last 4|last four|xxx-xx-|\*{3}-\*{2}-)\W{0,2}(?<v>\d{4})\b/i, score: 0.6 },
    { name: 'bare nine digits', regex: /\b\d{9}\b/, score: 0.2 },
  ],
  context: ['ssn', 'social security', 'social', 'ss#', 'ss', 'soc sec'],
  validate: (v) => v.length === 4 || ssnValid(v),
  why: 'Social Security number shape that passes SSA rules',
});
