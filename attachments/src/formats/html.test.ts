import { describe, expect, it } from '@jest/globals';
import { htmlToText } from './html.js';

describe('text from HTML (a draft’s HTML part, an HTML attachment)', () => {
  it('turns blocks and breaks into lines and decodes entities', () => {
    const html = '<div dir="ltr">Maria Gonzalez&nbsp;(SSN 531-72-0846)<br>HbA1c 8.9%</div><div>Dr&#46; Lee &amp; team &#x2014; &lt;clinic&gt;</div>';
    expect(htmlToText(html)).toBe('Maria Gonzalez (SSN 531-72-0846)\nHbA1c 8.9%\nDr. Lee & team — <clinic>');
  });

  it('drops styles and scripts, and leaves unknown entities as they are', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Hi &bogus;</p><script>x()</script>')).toBe('Hi &bogus;');
  });
});

describe('text from hostile or unusual HTML', () => {
  it('keeps table cells apart and drops comments', () => {
    expect(htmlToText('<table><tr><td>Maria</td><td>531-72-0846</td></tr></table><!-- <p>hidden</p> -->after')).toBe('Maria\t531-72-0846\nafter');
  });

  it('keeps what follows a hidden element that never closes, rather than guess where it ends', () => {
    expect(htmlToText('<p>Maria Gonzalez<style>p{}')).toBe('Maria Gonzalezp{}');
  });

  it.each([
    ['openings that never close', '<'.repeat(2_000_000)],
    ['hidden elements that never close', '<style>'.repeat(300_000)],
    ['a long run of spaces', `${' '.repeat(2_000_000)}x`],
    ['comments that never close', '<!--'.repeat(500_000)],
  ])('takes linear time on %s', (_label, html) => {
    const started = Date.now();
    htmlToText(html);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
