import { definePatternRecognizer } from '../recognizer.js';

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const MONTH_FULL = String.raw`(?:January|February|March|April|June|July|August|September|October|November|December)`;
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const NUM_MONTH = String.raw`(?:0?[1-9]|1[0-2])`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ORDINAL = /^\d{1,2}(?:st|nd|rd|th)$/;
const MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/;
const MONTH_NAME = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const DAY_NUMBER = /\d{1,2}(?!\d)/;
const YEAR = /\d{4}/;

/** Rejects dates that do not exist (02/30, 4/31); a year alone never reaches here. */
function realDate(value: string): boolean {
  let month: number | undefined;
  let day: number | undefined;
  let year = 2000; // leap year, so 2/29 without a year passes
  if (ORDINAL.test(value)) return Number.parseInt(value, 10) <= 31;
  const monthYear = MONTH_YEAR.exec(value);
  if (monthYear) return Number(monthYear[1]) >= 1 && Number(monthYear[1]) <= 12;
  const iso = ISO.exec(value);
  const numeric = NUMERIC.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) {
    [month, day] = [Number(numeric[1]), Number(numeric[2])];
    if (numeric[3]) year = Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]);
  } else {
    const name = MONTH_NAME.exec(value)?.[0]?.toLowerCase();
    const num = DAY_NUMBER.exec(value.replace(YEAR, ''))?.[0];
    month = name ? MONTHS.indexOf(name) + 1 : undefined;
    if (!num) return month !== undefined && month > 0;
    day = Number(num);
    const y = YEAR.exec(value)?.[0];
    if (y) year = Number(y);
  }
  if (!month || !day || month > 12) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// m/d without a year is how clinical notes write dates, but it is also a score ("pain 8/10"): needs context.
export const MONTH_SLASH_DAY = new RegExp(String.raw`(?<![\d/.,]|\b(?:BP|pain|score|rated|of|out of)\s?)${NUM_MONTH}/${DAY}(?![\d/%]|\.\d|\s?(?:mg|mcg|ml|units?|tabs?|caps?|pain|scale)\b)`, 'i');
export const MONTH_SLASH_YEAR = new RegExp(String.raw`(?<![\d/.,])${NUM_MONTH}/(?:19|20)\d{2}(?![\d/])`);
/** Both hold their "/" within two characters of their start: they are tried only there (most text has few slashes). */
export const SLASH_ANCHOR = { literal: '/', before: 2 };

export const date = definePatternRecognizer({
  id: 'DATE',
  kind: 'DATE',
  priority: 5,
  patterns: [
    { name: 'month/day/year', regex: new RegExp(String.raw`(?<![\d/.])${NUM_MONTH}([/.-])${DAY}\1(?:\d{4}|\d{2})(?![\d/]|[.-]\d)`), score: 0.6 },
    { name: 'ISO date', regex: new RegExp(String.raw`(?<![\d-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])`), score: 0.6 },
    { name: 'month/day', regex: MONTH_SLASH_DAY, score: 0.5, anchor: SLASH_ANCHOR },
    { name: 'month-day', regex: new RegExp(String.raw`(?<![\d/.,-])${NUM_MONTH}-${DAY}(?![\d/%-]|\.\d)`), score: 0.3 },
    { name: 'month/year', regex: MONTH_SLASH_YEAR, score: 0.5, anchor: SLASH_ANCHOR },
    { name: 'month name and day', regex: new RegExp(String.raw`\b${MONTH}\.?\s+${DAY}(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?![\d:])`), score: 0.55 },
    { name: 'day and month name', regex: new RegExp(String.raw`\b${DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?(?:,?\s+\d{4})?\b`), score: 0.55 },
    { name: 'month name and year', regex: new RegExp(String.raw`\b${MONTH_FULL}\s+\d{4}\b`), score: 0.45 },
    { name: 'month in a sentence', regex: new RegExp(String.raw`\b(?:in|since|during|until|through|by|from|before|after|of|last|next)\s+(?<v>(?:(?:early|mid|late)[\s-]+)?(?:${MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?))(?!\s*\d)`), score: 0.5 },
    { name: 'ordinal day', regex: /\bthe\s+(?<v>(?:[12]?\d|3[01])(?:st|nd|rd|th))\b/, score: 0.5 },
  ],
  context: ['dob', 'd o b', 'birth', 'born', 'birthday', 'date', 'dos', 'admit', 'admitted', 'admission', 'discharged', 'discharge', 'seen', 'visit', 'appt', 'appointment', 'scheduled', 'surgery', 'since', 'on', 'dated', 'collected', 'exam', 'service', 'injury', 'onset', 'started', 'stopped', 'last', 'next', 'procedure', 'follow', 'returned', 'arrived', 'test', 'result', 'results', 'received', 'sent', 'filled', 'expires'],
  validate: realDate,
  why: 'date element (month and day) that can be tied to a person',
});
