import { describe, expect, it } from '@jest/globals';
import { htmlToText } from './html-text.js';

describe('text from a draft’s HTML', () => {
  it('turns blocks and breaks into lines and decodes entities', () => {
    const html = '<div dir="ltr">Maria Gonzalez&nbsp;(SSN 531-72-0846)<br>HbA1c 8.9%</div><div>Dr&#46; Lee &amp; team &#x2014; &lt;clinic&gt;</div>';
    expect(htmlToText(html)).toBe('Maria Gonzalez (SSN 531-72-0846)\nHbA1c 8.9%\nDr. Lee & team — <clinic>');
  });

  it('drops styles and scripts, and leaves unknown entities as they are', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Hi &bogus;</p><script>x()</script>')).toBe('Hi &bogus;');
  });
});
