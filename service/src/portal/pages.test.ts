import { describe, expect, it } from '@jest/globals';
import type { PortalMessageInfo } from './model.js';
import { cleanMessageHtml, escapeHtml, html, messagePage, passcodePage, startPage, unavailablePage } from './pages.js';

const CTX = { linkPath: '/portal/m/tok', stylesheet: '/portal/assets/portal.css?v=1' };
const INFO: PortalMessageInfo = {
  id: 'msg-1',
  sender: 'dr.chen@clinic.example.org',
  createdAt: '2026-03-01T12:00:00.000Z',
  expiresAt: '2026-03-31T12:00:00.000Z',
  state: 'active',
  recipients: [],
  replies: 0,
};
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

describe('escaping', () => {
  it('escapes every interpolated value, and only SafeHtml passes through', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(html`<p>${'<b>'}${html`<i>ok</i>`}${['<', html`<br>`]}${undefined}${false}</p>`.value).toBe('<p>&lt;b&gt;<i>ok</i>&lt;<br></p>');
  });
});

describe('cleaning the sender’s HTML', () => {
  it.each([
    ['a script', '<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
    ['an event handler', '<img src="x" onerror="alert(1)"><p onclick="x()">Hi</p>', '<p>Hi</p>'],
    ['a style element and attribute', '<style>p{}</style><p style="color:red">Hi</p>', '<p>Hi</p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe><p>Hi</p>', '<p>Hi</p>'],
    ['a form and its controls', '<form action="https://evil.example"><input name="pw"><button>Go</button></form>', 'Go'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ['a protocol-relative link', '<a href="//evil.example/x">x</a>', '<a rel="noopener noreferrer" target="_blank">x</a>'],
    ['a network image (a tracking pixel)', '<p>Hi<img src="https://tracker.example/p.gif"></p>', '<p>Hi</p>'],
    ['an SVG data image', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">', ''],
    ['a base element', '<base href="https://evil.example/"><p>Hi</p>', '<p>Hi</p>'],
  ])('removes %s', (_label, source, expected) => {
    expect(cleanMessageHtml(source).value).toBe(expected);
  });

  it.each([
    ['formatting', '<p><strong>Results</strong> are <em>normal</em>.</p><ul><li>one</li></ul>'],
    ['a table', '<table><tbody><tr><td colspan="2">A1c</td></tr></tbody></table>'],
    ['an embedded raster image', `<img src="${PIXEL}" alt="chart" />`],
  ])('keeps %s', (_label, source) => {
    expect(cleanMessageHtml(source).value).toBe(source);
  });

  it('opens links apart, without a referrer, for http, https and mailto', () => {
    expect(cleanMessageHtml('<a href="https://clinic.example.org/help" target="_self" rel="opener">Help</a>').value).toBe(
      '<a href="https://clinic.example.org/help" target="_blank" rel="noopener noreferrer">Help</a>',
    );
    expect(cleanMessageHtml('<a href="mailto:dr.chen@clinic.example.org">Mail</a>').value).toContain('href="mailto:dr.chen@clinic.example.org"');
  });
});

describe('the pickup pages', () => {
  it('are English, titled, styled from our stylesheet only and free of scripts and inline styles', () => {
    const page = startPage(CTX);
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<title>Open your secure message · PHI Guard secure message</title>');
    expect(page).toContain('<link rel="stylesheet" href="/portal/assets/portal.css?v=1">');
    expect(page).not.toMatch(/<script|<style|style=/);
  });

  it('label every field', () => {
    const page = passcodePage(CTX, { address: 'maria@example.org', minutes: 10 });
    for (const id of ['code']) expect(page).toContain(`<label for="${id}">`);
    expect(startPage(CTX)).toContain('<label for="address">');
  });

  it('say the same whether or not the address is a recipient, echoing it escaped', () => {
    const page = passcodePage(CTX, { address: '"><script>x</script>@example.org', minutes: 10 });
    expect(page).toContain('If this message was sent to <strong>&quot;&gt;&lt;script&gt;x&lt;/script&gt;@example.org</strong>');
    expect(page).not.toContain('<script>');
  });

  it('the message page escapes the subject, text, file names and replies', () => {
    const page = messagePage(CTX, {
      info: INFO,
      address: 'maria@example.org',
      content: {
        subject: '<b>Lab results</b>',
        text: 'A1c 5.4 <ok>',
        attachments: [{ name: '<x>.pdf', contentType: 'application/pdf', data: 'JVBERi0=' }],
      },
      replies: [{ id: 'r1', author: 'maria@example.org', createdAt: '2026-03-02T08:30:00.000Z', text: '<i>thanks</i>' }],
    });
    expect(page).toContain('<h1>&lt;b&gt;Lab results&lt;/b&gt;</h1>');
    expect(page).toContain('<div class="text">A1c 5.4 &lt;ok&gt;</div>');
    expect(page).toContain('<a href="/portal/m/tok/attachments/0">&lt;x&gt;.pdf</a> <span class="small">5 bytes</span>');
    expect(page).toContain('&lt;i&gt;thanks&lt;/i&gt;');
    expect(page).toContain('<time datetime="2026-03-01T12:00:00.000Z">Mar 1, 2026, 12:00 PM UTC</time>');
    expect(page).toContain('<form method="post" action="/portal/m/tok/reply">');
  });

  it('the message page shows the sender’s HTML cleaned, not the text', () => {
    const page = messagePage(CTX, {
      info: INFO,
      address: 'maria@example.org',
      content: { subject: 'Hi', text: 'plain version', html: '<p>Hi<img src=x onerror="alert(1)"></p><script>alert(2)</script>', attachments: [] },
      replies: [],
    });
    expect(page).toContain('<p>Hi</p>');
    expect(page).not.toMatch(/onerror|<script|alert|plain version/);
  });

  it.each([
    ['expired', 'This message has expired'],
    ['recalled', 'This message was withdrawn'],
    ['deleted', 'This message is no longer available'],
    ['not_found', 'We can’t find this message'],
  ] as const)('a link to a %s message says so plainly', (reason, title) => {
    expect(unavailablePage(CTX, reason)).toContain(`<h1>${title}</h1>`);
  });
});
