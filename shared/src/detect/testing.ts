import { analyseLayout } from './layout.js';
import type { Recognizer, RecognizerInput } from './recognizer.js';
import { createScanner } from './scan.js';
import { tokenize } from './text.js';

/** Test support: the texts one recognizer reports in `body`, through the whole pipeline. */
export function reported(recognizer: Recognizer, body: string): string[] {
  return createScanner({ recognizers: [recognizer] })
    .detect({ body })
    .map((f) => body.slice(f.start, f.end));
}

/** Test support: what a recognizer sees for `text`, to call `find` directly. */
export function inputOf(text: string): RecognizerInput {
  const tokens = tokenize(text);
  return { text, tokens, words: new Set(tokens.map((t) => t.lower)), field: 'body', layout: analyseLayout(text) };
}
