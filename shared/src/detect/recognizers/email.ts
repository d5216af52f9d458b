import { definePatternRecognizer } from '../recognizer.js';

export const email = definePatternRecognizer({
  id: 'EMAIL_ADDRESS',
  kind: 'EMAIL',
  priority: 20,
  trigger: /@/,
  patterns: [
    {
      name: 'address',
      regex: /(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/,
      score: 0.8,
      // The local part is at most 64 characters (RFC 5321).
      anchor: { literal: '@', before: 64 },
    },
  ],
  why: 'email address',
});
