import { createHash } from 'node:crypto';

/**
 * The pickup pages' one stylesheet (Fluent-like: Segoe UI, brand blue, cards), served by the
 * portal routes so the CSP can forbid inline styles. Kept in a .ts module because the build copies only .ts.
 */
export const PORTAL_CSS = `
:root { color-scheme: light; --brand: #0f6cbd; --brand-dark: #115ea3; --text: #242424; --muted: #616161; --line: #e0e0e0; --bg: #f5f5f5; --danger: #b10e1c; --ok: #0e700e; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; font-size: 100%; color: var(--text); background: var(--bg); line-height: 1.5; }
body { margin: 0; }
.bar { background: var(--brand); color: #fff; padding: .75rem 1rem; font-weight: 600; }
.bar span + span { font-weight: 400; opacity: .9; margin-left: .5rem; }
main { max-width: 46rem; margin: 1.5rem auto; padding: 1.25rem; background: #fff; border-radius: 8px; box-shadow: 0 2px 4px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); }
@media (max-width: 48rem) { main { margin: 0; border-radius: 0; box-shadow: none; } }
h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.125rem; font-weight: 600; margin: 1.5rem 0 .5rem; }
p { margin: 0 0 1rem; }
a { color: var(--brand); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--text); outline-offset: 2px; }
label { display: block; font-weight: 600; margin: 0 0 .25rem; }
input, textarea { display: block; width: 100%; font: inherit; padding: .5rem .625rem; border: 1px solid #d1d1d1; border-bottom-color: #616161; border-radius: 4px; margin: 0 0 1rem; background: #fff; color: inherit; }
input[inputmode="numeric"] { max-width: 10rem; letter-spacing: .25em; font-size: 1.25rem; }
button { font: inherit; font-weight: 600; color: #fff; background: var(--brand); border: 1px solid transparent; border-radius: 4px; padding: .5rem 1.25rem; cursor: pointer; min-height: 2.5rem; }
button:hover { background: var(--brand-dark); }
button.secondary { color: var(--text); background: #fff; border-color: #d1d1d1; }
button.secondary:hover { background: #f5f5f5; }
form.inline { display: inline; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-top: 1rem; }
.notice { border-left: 4px solid var(--brand); background: #ebf3fc; padding: .75rem 1rem; border-radius: 4px; }
.notice.error { border-color: var(--danger); background: #fdf3f4; }
.notice.ok { border-color: var(--ok); background: #f1faf1; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; color: var(--muted); }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.body { border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 1rem 0; overflow-wrap: anywhere; overflow-x: auto; }
.text { white-space: pre-wrap; }
.body img { max-width: 100%; height: auto; }
.body table { border-collapse: collapse; }
.body td, .body th { border: 1px solid var(--line); padding: .25rem .5rem; }
ul.files, ol.replies { list-style: none; padding: 0; margin: 0; }
ul.files li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
ol.replies li { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.small { color: var(--muted); font-size: .875rem; }
footer { max-width: 46rem; margin: 0 auto 2rem; padding: 0 1.25rem; color: var(--muted); font-size: .875rem; }
`;

/** A short content hash, so the stylesheet URL changes whenever the CSS does and can be cached. */
export const PORTAL_CSS_VERSION = createHash('sha256').update(PORTAL_CSS).digest('hex').slice(0, 12);
