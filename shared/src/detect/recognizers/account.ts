import { luhn } from '../checksum.js';
import { defineLabelledIdRecognizer } from '../labelled.js';
import { definePatternRecognizer } from '../recognizer.js';

export const account = defineLabelledIdRecognizer({
  id: 'ACCOUNT_NUMBER',
  kind: 'ACCOUNT',
  labels: ['account', 'acct', 'acc', 'a/c', 'guarantor account', 'patient acct', 'patient account', 'billing account', 'card ending in', 'card ending', 'ending in', 'card on file ending in', 'last four', 'last 4'],
  why: 'number labelled as an account or payment card',
});

// ISO/IEC 7812: 13–19 digits in groups, Luhn valid.
export const paymentCard = definePatternRecognizer({
  id: 'CREDIT_CARD',
  kind: 'ACCOUNT',
  priority: 28,
  patterns: [{ name: 'card number', regex: /\b(?:\d{4}[- ]?){3}\d{1,7}\b/, score: 0.6 }],
  context: ['card', 'visa', 'mastercard', 'amex', 'discover', 'credit', 'debit'],
  validate: (v) => {
    const d = v.replace(/\D/g, '');
    return d.length >= 13 && d.length <= 19 && luhn(d);
  },
  why: 'payment card number that passes the Luhn check',
});
