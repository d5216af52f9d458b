import { KindSchema, REASON_CODES, REASON_MESSAGES, kindLabel, type Kind, type ReasonCode } from '@phiguard/core';
import { AuditKindSchema, type AuditEvent } from '../../../src/audit/schema.js';
import { api, query } from '../api.js';
import { rankedBars, stackedBars } from '../charts.js';
import { announce, h, show } from '../dom.js';

/** GET /v1/audit/stats (service/src/audit/stats.ts). */
interface Stats {
  readonly days: ReadonlyArray<{ day: string; allow: number; warn: number; encrypt: number; block: number }>;
  readonly blocked: number;
  readonly overridden: number;
  readonly topReasons: ReadonlyArray<{ code: string; count: number }>;
  readonly topPhiKinds: ReadonlyArray<{ kind: string; count: number }>;
  readonly portal: { readonly created: number; readonly pickups: number; readonly lockouts: number; readonly passcodeFailures: number };
}

const ACTION_SERIES = [
  { key: 'allow', label: 'Allowed' },
  { key: 'warn', label: 'Warned' },
  { key: 'encrypt', label: 'Sent securely' },
  { key: 'block', label: 'Blocked' },
];

/** YYYY-MM-DD of a date input as the start of that UTC day. */
const dayStart = (value: string) => (value ? `${value}T00:00:00.000Z` : undefined);
const dayAfter = (value: string) => (value ? new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined);
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function select(id: string, label: string, options: ReadonlyArray<{ value: string; text: string }>): [HTMLLabelElement, HTMLSelectElement] {
  return [h('label', { for: id }, label), h('select', { id, name: id }, h('option', { value: '' }, 'Any'), ...options.map((o) => h('option', { value: o.value }, o.text)))];
}

/** Audit: charts for the period, a search over the events, their detail, and the exports. */
export function auditView(main: HTMLElement): void {
  const from = h('input', { id: 'from', name: 'from', type: 'date', value: daysAgo(29) });
  const to = h('input', { id: 'to', name: 'to', type: 'date', value: today() });
  const actor = h('input', { id: 'actor', name: 'actor', placeholder: 'dr.lee@clinic.example' });
  const recipient = h('input', { id: 'recipient', name: 'recipient', placeholder: 'someone@elsewhere.example' });
  const [kindLabelEl, kind] = select('kind', 'Event', AuditKindSchema.options.map((k) => ({ value: k, text: k.replaceAll('_', ' ') })));
  const [reasonLabel, reason] = select('reason', 'Reason', REASON_CODES.map((r) => ({ value: r, text: r.replaceAll('_', ' ') })));
  const [phiLabel, phiKind] = select('phiKind', 'PHI kind', KindSchema.options.map((k) => ({ value: k, text: kindLabel(k as Kind) })));
  const charts = h('section', { 'aria-labelledby': 'charts-title', class: 'charts' });
  const results = h('section', { 'aria-labelledby': 'results-title' });
  const detail = h('section', { id: 'detail', 'aria-live': 'polite' });
  const exports = h('p', { class: 'exports' });

  const filters = () => ({
    from: dayStart(from.value),
    to: dayAfter(to.value),
    actor: actor.value.trim(),
    recipient: recipient.value.trim().toLowerCase(),
    kind: kind.value,
    reason: reason.value,
    phiKind: phiKind.value,
  });

  const search = async (cursor?: string) => {
    const q = filters();
    const page = await api<{ events: AuditEvent[]; nextCursor?: string }>('GET', `/v1/audit/events${query({ ...q, limit: '50', cursor })}`);
    show(
      results,
      h('h2', { id: 'results-title' }, 'Events'),
      page.events.length === 0
        ? h('p', {}, 'No events match.')
        : h(
            'table',
            { class: 'events' },
            h('thead', {}, h('tr', {}, ...['When', 'Event', 'Who', 'Recipients', 'Decision', 'Reasons', ''].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              ...page.events.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, e.time.replace('T', ' ').slice(0, 19)),
                  h('td', {}, e.kind.replaceAll('_', ' ')),
                  h('td', {}, e.actor),
                  h('td', {}, e.recipients.join(', ')),
                  h('td', {}, e.action ?? ''),
                  h('td', {}, e.reasonCodes.join(', ')),
                  h('td', {}, h('button', { type: 'button', class: 'link', onClick: () => showDetail(e) }, `Details #${e.seq}`)),
                ),
              ),
            ),
          ),
      page.nextCursor ? h('button', { type: 'button', onClick: () => void search(page.nextCursor) }, 'Next page') : null,
    );
    const exportQuery = query({ ...q });
    show(exports, 'Export these events: ', h('a', { href: `/v1/audit/export.csv${exportQuery}`, download: 'phi-guard-audit.csv' }, 'CSV'), ' · ', h('a', { href: `/v1/audit/export.ndjson${exportQuery}`, download: 'phi-guard-audit.ndjson' }, 'FHIR AuditEvent (NDJSON)'));
    announce(`${page.events.length} events${page.nextCursor ? ', more on the next page' : ''}`);
  };

  const showDetail = (e: AuditEvent) => {
    const rows: Array<[string, string]> = [
      ['Sequence', String(e.seq)],
      ['Time', e.time],
      ['Recorded', e.recorded],
      ['Event', e.kind],
      ['Who', e.actor],
      ['Client', e.client],
      ['Recipients', e.recipients.join(', ')],
      ['PHI found', Object.entries(e.phiKinds).map(([k, n]) => `${kindLabel(k as Kind)} ×${n}`).join(', ')],
      ['Decision', e.action ?? ''],
      ['Reasons', e.reasonCodes.map((c) => `${c}: ${REASON_MESSAGES[c as ReasonCode] ?? ''}`).join(' ')],
      ['Protection', e.protection ?? ''],
      ['Justification', e.justification ?? ''],
      ['Detail', e.detail ? JSON.stringify(e.detail) : ''],
      ['Hash', e.hash],
      ['Previous hash', e.prevHash],
    ];
    show(detail, h('h2', {}, `Event #${e.seq}`), h('dl', { class: 'detail' }, ...rows.filter(([, v]) => v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    (detail.querySelector('h2') as HTMLElement | null)?.focus();
  };

  const loadCharts = async () => {
    const stats = await api<Stats>('GET', `/v1/audit/stats${query({ from: dayStart(from.value), to: dayAfter(to.value) })}`);
    show(
      charts,
      h('h2', { id: 'charts-title' }, 'This period'),
      h(
        'ul',
        { class: 'tiles' },
        h('li', {}, h('strong', {}, stats.blocked), ' sends blocked'),
        h('li', {}, h('strong', {}, stats.overridden), ' overridden'),
        h('li', {}, h('strong', {}, stats.portal.pickups), ' portal pickups'),
        h('li', {}, h('strong', {}, stats.portal.lockouts), ' portal lockouts'),
      ),
      stackedBars('Sends by decision per day', stats.days.map(({ day, ...values }) => ({ label: day, values })), ACTION_SERIES),
      rankedBars('Top reasons', stats.topReasons.map((r) => ({ label: r.code.replaceAll('_', ' '), count: r.count }))),
      rankedBars('Top PHI kinds', stats.topPhiKinds.map((k) => ({ label: kindLabel(k.kind as Kind), count: k.count }))),
    );
  };

  const form = h(
    'form',
    {
      class: 'filters',
      onSubmit: (event: Event) => {
        event.preventDefault();
        void Promise.all([search(), loadCharts()]).catch(showError);
      },
    },
    h('label', { for: 'from' }, 'From'),
    from,
    h('label', { for: 'to' }, 'To'),
    to,
    h('label', { for: 'actor' }, 'User'),
    actor,
    h('label', { for: 'recipient' }, 'Recipient'),
    recipient,
    kindLabelEl,
    kind,
    reasonLabel,
    reason,
    phiLabel,
    phiKind,
    h('button', { type: 'submit' }, 'Search'),
  );
  const errorBox = h('p', { class: 'error', role: 'alert' });
  const showError = (e: unknown) => void (errorBox.textContent = e instanceof Error ? e.message : 'Something went wrong.');
  show(main, h('h1', {}, 'Audit'), form, errorBox, charts, exports, results, detail);
  void Promise.all([search(), loadCharts()]).catch(showError);
}
