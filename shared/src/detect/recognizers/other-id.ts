import { defineLabelledIdRecognizer } from '../labelled.js';

export const otherId = defineLabelledIdRecognizer({
  id: 'OTHER_REFERENCE_NUMBER',
  kind: 'OTHER_ID',
  labels: ['Rx', 'prescription', 'claim', 'claim number', 'WC claim', 'ref', 'reference', 'authorization', 'auth', 'prior auth', 'precertification', 'precert', 'accession', 'acc', 'tracking', 'user id', 'username', 'charge', 'specimen', 'requisition', 'referral', 'episode', 'visit id', 'encounter id', 'document id'],
  priority: 15,
  why: 'number labelled as a claim, prescription, order or other reference',
});
