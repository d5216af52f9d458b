import { definePatternRecognizer } from '../recognizer.js';

const SUFFIX = String.raw`(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Court|Ct|Boulevard|Blvd|Way|Place|Pl|Parkway|Pkwy|Circle|Cir|Terrace|Ter|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Pike|Row|Run|Path|Alley|Crossing|Xing|Point|Pt)`;
const WORD = String.raw`[A-Z][a-z'’]+`;
const UNIT = String.raw`(?:,?\s(?:Apt|Apartment|Unit|Suite|Ste|Bldg|Lot|Rm|#)\.?\s?#?[A-Za-z0-9-]{1,6})`;
const CITY_STATE_ZIP = String.raw`(?:,\s(?:${WORD}\s){0,3}${WORD},?\s[A-Z]{2}(?:\s\d{5}(?:-\d{4})?)?)`;
const STATES = String.raw`(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)`;

export const address = definePatternRecognizer({
  id: 'US_ADDRESS',
  kind: 'ADDRESS',
  priority: 8,
  patterns: [
    {
      name: 'street address',
      regex: new RegExp(String.raw`\b\d{1,6}\s(?:[NSEW]\.?\s)?(?:${WORD}\s){0,3}${WORD}\s${SUFFIX}\.?(?![\w])${UNIT}?${CITY_STATE_ZIP}?`),
      score: 0.6,
    },
    { name: 'labelled ZIP', regex: /\b(?:zip|zip code|postal code)\s?:?\s?(?<v>\d{5}(?:-\d{4})?)\b/i, score: 0.7 },
    { name: 'PO box', regex: /\bP\.?\s?O\.?\sBox\s\d{1,6}\b/i, score: 0.5 },
    { name: 'city, state ZIP', regex: new RegExp(String.raw`\b(?:${WORD}\s){0,2}${WORD},\s${STATES}\s\d{5}(?:-\d{4})?\b`), score: 0.6 },
    // A town named as where someone lives or was: "lives alone in Millbrook", "at home in Cedar Falls".
    { name: 'home town', regex: new RegExp(String.raw`\b(?:lives|living|resides|residing|home|moved|relocated|staying)(?:\s(?:alone|here|now|with\s\w+))?\s(?:in|at|near)\s(?<v>${WORD}(?:\s${WORD}){0,2})\b`), score: 0.55 },
    { name: 'street alone', regex: new RegExp(String.raw`\b(?:on|off|at)\s(?<v>(?:${WORD}\s){1,2}(?:Street|Avenue|Road|Lane|Drive|Court|Boulevard))\b`), score: 0.5 },
  ],
  context: ['address', 'lives', 'home', 'resides', 'mailing', 'street'],
  why: 'street address, town or ZIP smaller than a state',
});
