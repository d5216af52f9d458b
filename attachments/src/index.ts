export * from './contract.js';
export { DEFAULT_LIMITS } from './limits.js';
export { extractText, type ExtractOptions } from './extract.js';
export { detectFormat, FORMATS, type Format } from './detect-format.js';
export { htmlToText } from './formats/html.js';
