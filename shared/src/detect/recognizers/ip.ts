import { definePatternRecognizer } from '../recognizer.js';

// Private, loopback, link-local and multicast ranges (RFC 1918, 1122, 3927, 5771) address our own
// machines, never a patient's device.
function publicIpv4(value: string): boolean {
  const o = value.split('.').map(Number);
  if (o.length !== 4 || o.some((n) => n > 255)) return false;
  const [a, b] = o as [number, number, number, number];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  return true;
}

export const ip = definePatternRecognizer({
  id: 'IP_ADDRESS',
  kind: 'IP',
  priority: 20,
  patterns: [
    { name: 'IPv4', regex: /(?<![\d.]|v|version )(?:\d{1,3}\.){3}\d{1,3}(?![\d.]|\.\d)/i, score: 0.6, trigger: /\d\.\d/ },
    // The first ":" comes after one to four hex digits.
    { name: 'IPv6', regex: /(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/i, score: 0.6, anchor: { literal: ':', before: 4 } },
  ],
  context: ['ip', 'address', 'session', 'login', 'logged', 'from'],
  validate: (v) => v.includes(':') || publicIpv4(v),
  why: 'public IP address',
});
