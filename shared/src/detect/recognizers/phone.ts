import { definePatternRecognizer } from '../recognizer.js';

// NANP: NPA-NXX-XXXX with N = 2-9; an area code's middle digit is never 9 and no exchange is N11.
export const NANP = String.raw`(?<![\d\w])(?:\+?1[-. ]?)?(?:\(\s?[2-9]\d{2}\s?\)|[2-9]\d{2})[-. ]?[2-9]\d{2}[-. ]\d{4}(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,6})?(?!\d)`;
export const NANP_BARE = String.raw`(?<![\d\w-])[2-9]\d{2}[2-9]\d{6}(?![\d-])`;
export const INTERNATIONAL = String.raw`(?<![\d\w])\+(?:[2-9]\d{0,2})(?:[ .-]?\(?\d{1,4}\)?){2,5}(?!\d)`;
/** Every international number starts with "+": the regex is tried only there. */
export const INTERNATIONAL_ANCHOR = { literal: '+', before: 0 };

export function nanpValid(value: string): boolean {
  if (value.trim().startsWith('+') && !/^\+1\b|^\+1[-. (]/.test(value.trim())) return true;
  const digits = value.replace(/\s*(?:x|ext\.?|extension)\s*\d+$/i, '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  if (digits.length !== 10) return false;
  return digits[1] !== '9' && digits.slice(4, 6) !== '11';
}

export const phoneContext = ['phone', 'call', 'called', 'cell', 'mobile', 'tel', 'telephone', 'reach', 'contact', 'text', 'number', 'ph', 'home', 'callback', 'call back', 'voicemail', 'message'];

export const phone = definePatternRecognizer({
  id: 'PHONE_NUMBER',
  kind: 'PHONE',
  priority: 10,
  patterns: [
    { name: 'NANP formatted', regex: new RegExp(NANP), score: 0.6 },
    { name: 'international', regex: new RegExp(INTERNATIONAL), score: 0.55, anchor: INTERNATIONAL_ANCHOR },
    { name: 'NANP bare ten digits', regex: new RegExp(NANP_BARE), score: 0.3 },
  ],
  context: phoneContext,
  validate: nanpValid,
  why: 'telephone number in North American or international format',
});
