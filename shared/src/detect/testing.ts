import type { Recognizer } from './recognizer.js';
import { createScanner } from './scan.js';

/** Test support: the texts one recognizer reports in `body`, through the whole pipeline. */
export function reported(recognizer: Recognizer, body: string): string[] {
  return createScanner({ recognizers: [recognizer] })
    .detect({ body })
    .map((f) => body.slice(f.start, f.end));
}
