import { deaValid, npiValid } from '../checksum.js';
import { defineLabelledIdRecognizer } from '../labelled.js';
import { definePatternRecognizer } from '../recognizer.js';

export const driverLicense = defineLabelledIdRecognizer({
  id: 'US_DRIVER_LICENSE',
  kind: 'LICENSE',
  labels: ["driver's license", "driver's licence", 'driver license', 'driver licence', 'drivers license', 'DL', 'license', 'licence', 'license number', 'state id', 'passport', 'certificate'],
  priority: 22,
  why: "number labelled as a driver's licence, passport or certificate",
});

// DEA registration: 2 letters + 7 digits with a weighted check digit. It names a prescriber, not a patient.
export const dea = definePatternRecognizer({
  id: 'US_DEA',
  kind: 'LICENSE',
  priority: 35,
  patterns: [{ name: 'DEA number', regex: /\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b/, score: 0.5 }],
  context: ['dea', 'registration', 'prescriber'],
  validate: deaValid,
  notPhi: true,
  why: 'DEA registration number that passes its check digit',
});

// CMS NPI identifies providers: it outranks phone so a 10-digit NPI is never shown as a phone number.
export const npi = definePatternRecognizer({
  id: 'US_NPI',
  kind: 'LICENSE',
  priority: 32,
  patterns: [{ name: 'NPI', regex: /(?<![\d-])[12]\d{9}(?![\d-])/, score: 0.3 }],
  context: ['npi', 'provider', 'national provider'],
  validate: npiValid,
  notPhi: true,
  why: 'National Provider Identifier that passes the 80840 Luhn check',
});
