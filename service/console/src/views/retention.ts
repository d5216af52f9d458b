import type { Hold } from '../../../src/audit/schema.js';
import { api } from '../api.js';
import { announce, h, show } from '../dom.js';

/** GET /v1/audit/retention and /v1/audit/purges (service/src/routes/audit.ts). */
interface Retention {
  readonly retentionDays: number;
  readonly cutoff: string;
  readonly nextPurgeEligible?: string;
  readonly activeHolds: number;
}
interface Purge {
  readonly seq: number;
  readonly time: string;
  readonly by: string;
  readonly cutoff: string;
  readonly purged: number;
}

/** Retention and legal holds: how long events are kept, holds that suspend deletion, and what was purged. */
export async function retentionView(main: HTMLElement, canEdit: boolean): Promise<void> {
  const [retention, { holds }, { purges }] = await Promise.all([
    api<Retention>('GET', '/v1/audit/retention'),
    api<{ holds: Hold[] }>('GET', '/v1/audit/holds'),
    api<{ purges: Purge[] }>('GET', '/v1/audit/purges'),
  ]);
  const reason = h('input', { id: 'hold-reason', name: 'reason', required: true, maxlength: 500, placeholder: 'Case 2026-114, subpoena' });
  const actor = h('input', { id: 'hold-actor', name: 'actor', placeholder: 'dr.lee@clinic.example' });
  const recipient = h('input', { id: 'hold-recipient', name: 'recipient' });
  const from = h('input', { id: 'hold-from', name: 'from', type: 'date' });
  const to = h('input', { id: 'hold-to', name: 'to', type: 'date' });
  const message = h('p', { role: 'status' });
  const reload = () => retentionView(main, canEdit);

  const place = h(
    'form',
    {
      class: 'stack',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const body = {
          reason: reason.value.trim(),
          ...(actor.value.trim() ? { actor: actor.value.trim() } : {}),
          ...(recipient.value.trim() ? { recipient: recipient.value.trim().toLowerCase() } : {}),
          ...(from.value ? { from: `${from.value}T00:00:00.000Z` } : {}),
          ...(to.value ? { to: `${to.value}T00:00:00.000Z` } : {}),
        };
        api('POST', '/v1/audit/holds', body).then(
          () => reload().then(() => announce('Hold placed.')),
          (e: unknown) => void (message.textContent = e instanceof Error ? e.message : 'The hold was not placed.'),
        );
      },
    },
    h('label', { for: 'hold-reason' }, 'Reason'),
    reason,
    h('p', { class: 'hint' }, 'Hold the events of a user, a recipient or a period (at least one):'),
    h('label', { for: 'hold-actor' }, 'User'),
    actor,
    h('label', { for: 'hold-recipient' }, 'Recipient'),
    recipient,
    h('label', { for: 'hold-from' }, 'From'),
    from,
    h('label', { for: 'hold-to' }, 'Until (not including)'),
    to,
    h('button', { type: 'submit' }, 'Place hold'),
    message,
  );
  const release = (hold: Hold) =>
    api('DELETE', `/v1/audit/holds/${encodeURIComponent(hold.id)}`).then(
      () => reload().then(() => announce('Hold released.')),
      (e: unknown) => void (message.textContent = e instanceof Error ? e.message : 'The hold was not released.'),
    );
  const scope = (hold: Hold) => [hold.actor && `user ${hold.actor}`, hold.recipient && `recipient ${hold.recipient}`, hold.from && `from ${hold.from.slice(0, 10)}`, hold.to && `until ${hold.to.slice(0, 10)}`].filter(Boolean).join(', ');

  show(
    main,
    h('h1', {}, 'Retention and holds'),
    h('p', {}, `Events are kept ${retention.retentionDays} days (${(retention.retentionDays / 365).toFixed(1)} years), then purged, except those under an active legal hold (${retention.activeHolds} now).`),
    h('p', {}, retention.nextPurgeEligible ? `The oldest event that may be purged becomes eligible on ${retention.nextPurgeEligible.slice(0, 10)}.` : 'No event is due for purging.'),
    h('h2', {}, 'Legal holds'),
    holds.length === 0
      ? h('p', {}, 'No holds.')
      : h(
          'table',
          { class: 'holds' },
          h('thead', {}, h('tr', {}, ...['Reason', 'Scope', 'Placed', 'Released', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            ...holds.map((hold) =>
              h(
                'tr',
                {},
                h('td', {}, hold.reason),
                h('td', {}, scope(hold)),
                h('td', {}, `${hold.placedAt.slice(0, 10)} by ${hold.placedBy}`),
                h('td', {}, hold.releasedAt ? `${hold.releasedAt.slice(0, 10)} by ${hold.releasedBy ?? ''}` : 'Active'),
                h('td', {}, canEdit && !hold.releasedAt ? h('button', { type: 'button', onClick: () => void release(hold) }, `Release hold “${hold.reason}”`) : null),
              ),
            ),
          ),
        ),
    canEdit ? h('section', { 'aria-labelledby': 'place-title' }, h('h2', { id: 'place-title' }, 'Place a hold'), place) : null,
    h('h2', {}, 'Purge history'),
    purges.length === 0
      ? h('p', {}, 'Nothing has been purged.')
      : h('ul', {}, ...purges.map((p) => h('li', {}, `${p.time.slice(0, 10)}: ${p.purged} events recorded before ${p.cutoff.slice(0, 10)} purged by ${p.by} (audit event #${p.seq})`))),
  );
}
