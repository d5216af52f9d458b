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
  // Phrases by first word: each word in the window costs one map lookup, however many phrases there are.
  const byFirst = new Map<string, string[][]>();
  for (const words of phrases.map(phraseWords)) {
    if (words.length === 0) continue;
    const list = byFirst.get(words[0]!) ?? [];
    list.push(words);
    byFirst.set(words[0]!, list);
  }
  if (byFirst.size === 0) return () => false;
  return (tokens, c) => {
    const first = tokenIndexAt(tokens, c.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < c.end) last++;
    const from = Math.max(0, first - WORDS_BEFORE);
    const to = Math.min(tokens.length, last + WORDS_AFTER);
    for (let i = from; i < to; i++) {
      if (i >= first && i < last) continue; // inside the match itself
      const candidates = byFirst.get(tokens[i]!.lower);
      if (candidates === undefined) continue;
      for (const words of candidates) {
        if (i + words.length > to || (i + words.length > first && i < last)) continue;
        let ok = true;
        for (let k = 1; k < words.length && ok; k++) ok = tokens[i + k]!.lower === words[k];
        if (ok) return true;
      }
    }
    return false;
  };
}

export function boost(score: number): number {
  return Math.min(1, Math.max(CONTEXT_FLOOR, score + CONTEXT_BOOST));
}
