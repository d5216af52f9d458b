export * from './draft.js';
export * from './detect/kinds.js';
export * from './detect/finding.js';
export { createScanner, scan, DEFAULT_THRESHOLD, type Scanner, type ScannerOptions } from './detect/scan.js';
export { definePatternRecognizer, type Recognizer, type Candidate, type Pattern } from './detect/recognizer.js';
export { defineLexiconRecognizer } from './detect/lexicon.js';
export { defaultRecognizers } from './detect/recognizers/index.js';
export { assess } from './assess/verdict.js';
