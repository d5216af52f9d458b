import { describe, expect, it } from '@jest/globals';
import { wordXmlText } from './word-text.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const hdr = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:hdr ${W}>${body}</w:hdr>`;

describe('text from a Word header, footer, notes or comments part', () => {
  it.each([
    ['runs joined, a line per paragraph', hdr('<w:p><w:r><w:t>Maria </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Gonzalez</w:t></w:r></w:p><w:p><w:r><w:t>MRN 4417302</w:t></w:r></w:p>'), 'Maria Gonzalez\nMRN 4417302'],
    ['tabs and breaks in runs; tab stops are layout, not text', hdr('<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr><w:r><w:t>Name</w:t><w:tab/><w:t>Maria</w:t><w:br/><w:t>DOB</w:t><w:cr/><w:t>03/14/1961</w:t></w:r></w:p>'), 'Name\tMaria\nDOB\n03/14/1961'],
    ['character references decoded once', hdr('<w:p><w:r><w:t>Dr&#46; Lee &amp; Smith &lt;clinic&gt; &amp;lt;</w:t></w:r></w:p>'), 'Dr. Lee & Smith <clinic> &lt;'],
    ['empty text and empty paragraphs', hdr('<w:p/><w:p><w:r><w:t/><w:t xml:space="preserve">  a  </w:t></w:r></w:p><w:p/><w:p/><w:p/><w:p><w:r><w:t>b</w:t></w:r></w:p>'), 'a  \n\nb'],
    ['deleted text and field codes are not text', hdr('<w:p><w:r><w:delText>old name</w:delText></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>1</w:t></w:r></w:p>'), '1'],
    [
      'a text box read once, from the fallback, as mammoth reads one',
      hdr('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Maria Gonzalez</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Maria Gonzalez</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'),
      'Maria Gonzalez',
    ],
    ['footnotes, one line each', `<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Seen 03/14</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>HbA1c 8.9%</w:t></w:r></w:p></w:footnote></w:footnotes>`, 'Seen 03/14\nHbA1c 8.9%'],
  ])('%s', (_label, xml, text) => {
    expect(wordXmlText(xml)).toBe(text);
  });

  it('keeps the text of a part cut short', () => {
    expect(wordXmlText(`<w:hdr ${W}><w:p><w:r><w:t>Maria</w:t></w:r></w:p><w:p><w:r><w:t>Gonz</w:t`)).toBe('Maria\nGonz');
  });

  it.each([
    ['openings that never close', '<'.repeat(2_000_000)],
    ['text elements that never close', '<w:t>x'.repeat(400_000)],
    ['alternate content that never closes', '<mc:Choice>'.repeat(300_000)],
  ])('takes linear time on %s', (_label, xml) => {
    const started = Date.now();
    wordXmlText(xml);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
