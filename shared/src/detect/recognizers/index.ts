import type { Recognizer } from '../recognizer.js';
import { ssn } from './ssn.js';

/** The default recognizers. Order does not matter: overlaps are settled by priority and score. */
export function defaultRecognizers(): Recognizer[] {
  return [
    ssn,
  ];
}
