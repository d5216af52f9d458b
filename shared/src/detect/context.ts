import type { Candidate } from './recognizer.js';
import { phraseWords, tokenIndexAt, type Token } from './text.js';

/** Presidio's enhancer: a context word near a match adds 0.35, with a floor of 0.4. */
export const CONTEXT_BOOST = 0.35;
export const CONTEXT_FLOOR = 0.4;
const WORDS_BEFORE = 6;
const WORDS_AFTER = 3;

export type ContextMatcher = (tokens: readonly Token[], candidate: Candidate) => boolean;

/** Compiles context phrases once; the matcher looks a few words before and after a candidate. */
export function compileContext(phrases: readonly string[]): ContextMatcher {
  const compiled = phrases.map(phraseWords).filter((w) => w.length > 0);
  if (compiled.length === 0) return () => false;
  return (tokens, c) => {
    const first = tokenIndexAt(tokens, c.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < c.end) last++;
    const from = Math.max(0, first - WORDS_BEFORE);
    const to = Math.min(tokens.length, last + WORDS_AFTER);
    for (const words of compiled) {
      for (let i = from; i + words.length <= to; i++) {
        if (i + words.length > first && i < last) continue; // inside the match itself
        let ok = true;
        for (let k = 0; k < words.length && ok; k++) ok = tokens[i + k]!.lower === words[k];
        if (ok) return true;
      }
    }
    return false;
  };
}

export function boost(score: number): number {
  return Math.min(1, Math.max(CONTEXT_FLOOR, score + CONTEXT_BOOST));
}
