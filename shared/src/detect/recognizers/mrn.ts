import { defineLabelledIdRecognizer } from '../labelled.js';

export const mrn = defineLabelledIdRecognizer({
  id: 'MEDICAL_RECORD_NUMBER',
  kind: 'MRN',
  labels: ['MRN', 'MR', 'medical record', 'med rec', 'chart', 'patient id', 'pt id', 'patient number', 'our MRN', 'EMR', 'EHR id', 'hospital number', 'unit number', 'FIN', 'CSN', 'encounter'],
  why: 'number labelled as a medical record or chart number',
});
