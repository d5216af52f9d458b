import { defineLabelledIdRecognizer } from '../labelled.js';
import { definePatternRecognizer } from '../recognizer.js';

export const licensePlate = defineLabelledIdRecognizer({
  id: 'VEHICLE_PLATE',
  kind: 'VEHICLE',
  labels: ['plate', 'license plate', 'licence plate', 'tag', 'registration'],
  priority: 22,
  why: 'number labelled as a vehicle plate',
});

// ISO 3779 VIN: 17 characters, no I, O or Q.
export const vin = definePatternRecognizer({
  id: 'VEHICLE_VIN',
  kind: 'VEHICLE',
  priority: 26,
  // Seventeen ASCII letters and digits are one word, so only a long word can hold a VIN.
  trigger: ({ tokens }) => tokens.some((t) => t.end - t.start >= 17),
  patterns: [{ name: 'VIN', regex: /\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b/, score: 0.35 }],
  context: ['vin', 'vehicle', 'car', 'truck'],
  why: 'vehicle identification number',
});
