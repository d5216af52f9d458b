/**
 * Google Workspace matches custom regexes with RE2 (https://github.com/google/re2/wiki/Syntax): no
 * lookaround, no backreferences, no possessive or atomic groups, repeat counts of at most 1000.
 * This checks that a pattern stays inside the subset RE2 and JavaScript read the same way, so the
 * tests can run every generated pattern in JavaScript and trust the result for Gmail.
 */
export type Re2IssueCode =
  | 're2_lookaround'
  | 're2_backreference'
  | 're2_named_group'
  | 're2_atomic_group'
  | 're2_possessive'
  | 're2_unsupported_escape'
  | 're2_inline_flags'
  | 're2_repeat_too_large'
  | 're2_unbalanced';

export interface Re2Issue {
  readonly code: Re2IssueCode;
  /** Index into the pattern where the construct starts. */
  readonly at: number;
}

export type Re2Check = { ok: true } | { ok: false; issues: Re2Issue[] };

/** RE2's limit on `{n}` and `{n,m}` (re2/parse.cc kMaxRepeat). */
export const RE2_MAX_REPEAT = 1000;

// Escapes with one meaning in both engines: classes, anchors, and escaped punctuation.
const SAFE_ESCAPES = new Set([...'dDsSwWbBtnrfv', ...'\\.+*?()[]{}|^$-/#&~ "\'!,:;<=>@%`']);
// RE2 reads `(?i)` at the start only the way JavaScript's `i` flag does; other flags differ in meaning.
const LEADING_FLAGS = '(?i)';

/** Problems that would make RE2 reject `pattern` or read it differently from JavaScript. */
export function checkRe2(pattern: string): Re2Check {
  const issues: Re2Issue[] = [];
  const issue = (code: Re2IssueCode, at: number) => issues.push({ code, at });
  let depth = 0;
  let inClass = false;
  let i = pattern.startsWith(LEADING_FLAGS) ? LEADING_FLAGS.length : 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) issue('re2_unbalanced', i);
      else if (/[1-9]/.test(next) || next === 'k') issue('re2_backreference', i);
      else if (!SAFE_ESCAPES.has(next) || (inClass && /[bB]/.test(next))) issue('re2_unsupported_escape', i);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A `]` or `^]` right after `[` is literal in RE2 but an empty class in JavaScript.
      if (pattern[i + 1] === ']' || pattern.startsWith('^]', i + 1)) issue('re2_unsupported_escape', i);
      i++;
      continue;
    }
    if (c === '(') {
      depth++;
      if (pattern[i + 1] === '?') checkGroup(pattern, i, issue);
      i++;
      continue;
    }
    if (c === ')') {
      if (--depth < 0) issue('re2_unbalanced', i);
      i++;
      continue;
    }
    if (c === '{') {
      const repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat) {
        if (Number(repeat[1]) > RE2_MAX_REPEAT || Number(repeat[2] || 0) > RE2_MAX_REPEAT) issue('re2_repeat_too_large', i);
        i += repeat[0].length;
        if (pattern[i] === '+') issue('re2_possessive', i);
        continue;
      }
    }
    if ((c === '*' || c === '+' || c === '?') && pattern[i + 1] === '+') issue('re2_possessive', i);
    i++;
  }
  if (inClass || depth > 0) issue('re2_unbalanced', pattern.length);
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}

/** The same pattern as a JavaScript RegExp, for tests: a leading `(?i)` becomes the `i` flag. */
export function toJsRegExp(pattern: string, flags = ''): RegExp {
  return pattern.startsWith(LEADING_FLAGS)
    ? new RegExp(pattern.slice(LEADING_FLAGS.length), `${flags}i`)
    : new RegExp(pattern, flags);
}

/** A literal string as an RE2 pattern. */
export function escapeRe2(text: string): string {
  return text.replace(/[\\.+*?()[\]{}|^$]/g, '\\$&');
}

function checkGroup(pattern: string, at: number, issue: (code: Re2IssueCode, at: number) => void): void {
  const rest = pattern.slice(at + 2);
  if (rest.startsWith(':')) return;
  if (/^(?:=|!|<=|<!)/.test(rest)) issue('re2_lookaround', at);
  else if (rest.startsWith('<') || rest.startsWith('P<')) issue('re2_named_group', at);
  else if (rest.startsWith('>')) issue('re2_atomic_group', at);
  else issue('re2_inline_flags', at);
}
