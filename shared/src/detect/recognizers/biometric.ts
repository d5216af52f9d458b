import { defineLabelledIdRecognizer } from '../labelled.js';

export const biometric = defineLabelledIdRecognizer({
  id: 'BIOMETRIC_ID',
  kind: 'BIOMETRIC',
  labels: ['biometric id', 'biometric template', 'fingerprint id', 'fingerprint template', 'fingerprint', 'voiceprint', 'voiceprint id', 'retina scan', 'retinal scan', 'iris scan', 'iris template', 'palm vein', 'face template', 'DNA sample', 'DNA profile'],
  priority: 22,
  why: 'number labelled as a biometric identifier or template',
});
