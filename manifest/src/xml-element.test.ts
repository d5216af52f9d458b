import { describe, expect, it } from '@jest/globals';
import { el, escapeXml, renderXmlDocument } from './xml-element.js';

describe('XML rendering', () => {
  it.each([
    ['ampersand', 'A & B', 'A &amp; B'],
    ['angle brackets', '<script>', '&lt;script&gt;'],
    ['double quote', 'say "hi"', 'say &quot;hi&quot;'],
    ['apostrophe', "it's", 'it&apos;s'],
    ['an entity already written out, escaped again', '&amp;', '&amp;amp;'],
    ['plain text, unchanged', 'PHI Guard 1.0', 'PHI Guard 1.0'],
  ])('escapes %s', (_case, input, output) => {
    expect(escapeXml(input)).toBe(output);
  });

  it('escapes attribute values and text, keeps empty elements self-closing and text on one line', () => {
    const xml = renderXmlDocument(el('Root', { a: '"x" & <y>' }, el('Empty'), el('Text', {}, 'a < b'), el('Nested', {}, el('Leaf'))));
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Root a="&quot;x&quot; &amp; &lt;y&gt;">',
        '  <Empty/>',
        '  <Text>a &lt; b</Text>',
        '  <Nested>',
        '    <Leaf/>',
        '  </Nested>',
        '</Root>',
        '',
      ].join('\n'),
    );
  });
});
