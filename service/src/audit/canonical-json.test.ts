import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson (RFC 8785 subset)', () => {
  it.each([
    ['members are sorted, at every depth', { b: 1, a: { d: [1, 2], c: 'x' } }, '{"a":{"c":"x","d":[1,2]},"b":1}'],
    ['key order of the input does not matter', { a: 1, b: 2 }, '{"a":1,"b":2}'],
    ['undefined members are left out', { a: undefined, b: null }, '{"b":null}'],
    ['strings are escaped as JSON.stringify does', { s: 'é"\n\u0001' }, '{"s":"é\\"\\n\\u0001"}'],
    ['keys sort by UTF-16 code units, not locale', { b: 0, B: 0, é: 0, a: 0 }, '{"B":0,"a":0,"b":0,"é":0}'],
    ['numbers use the shortest ECMAScript form', [1.0, 1e21, -0, 0.5], '[1,1e+21,0,0.5]'],
  ])('%s', (_rule, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a function', () => 1],
    ['a bigint', 1n],
  ])('refuses %s rather than hash something ambiguous', (_name, value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });
});
