import type { ConsentImportResult, ConsentRecord } from '../../../src/consent/schema.js';
import type { Correspondent } from '../../../src/correspondents/schema.js';
import { api } from '../api.js';
import { h, show } from '../dom.js';

/** A key or certificate on file (service/src/keys/registry.ts RecipientKeySchema, which lives beside Node code). */
interface RecipientKey {
  readonly keyType: string;
  readonly fingerprint: string;
  readonly addresses: readonly string[];
  readonly notAfter: string | null;
  readonly source: string;
}

/** Registries: patient consent (CSV import with row errors), recipients' keys and certificates, known correspondents. */
export async function registriesView(main: HTMLElement): Promise<void> {
  const [consents, keys, correspondents] = await Promise.all([
    api<{ consents: ConsentRecord[] }>('GET', '/v1/consents?limit=50'),
    api<{ keys: RecipientKey[] }>('GET', '/v1/keys'),
    api<{ correspondents: Correspondent[] }>('GET', '/v1/correspondents'),
  ]);
  const file = h('input', { id: 'consent-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true });
  const importResult = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const importForm = h(
    'form',
    {
      class: 'stack',
      onSubmit: (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) return;
        void chosen
          .text()
          .then((text) => api<ConsentImportResult>('POST', '/v1/consents/import', text, 'text/csv'))
          .then(
            (r) =>
              show(
                importResult,
                h('p', {}, `Imported ${r.imported} row${r.imported === 1 ? '' : 's'}; ${r.rejected} rejected.`),
                r.errors.length > 0 ? h('ul', { class: 'issues' }, ...r.errors.map((e) => h('li', {}, `Line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.code.replaceAll('_', ' ')}`))) : null,
              ),
            (e: unknown) => show(importResult, h('p', { class: 'error' }, e instanceof Error ? e.message : 'The file was not imported.')),
          );
      },
    },
    h('label', { for: 'consent-file' }, 'Consent file (CSV: address, patient reference, consent, date, source)'),
    file,
    h('button', { type: 'submit' }, 'Import'),
    importResult,
  );
  const table = (headers: string[], rows: Array<Array<string | number>>) =>
    rows.length === 0
      ? h('p', {}, 'None yet.')
      : h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
  show(
    main,
    h('h1', {}, 'Registries'),
    h('h2', {}, 'Patient consent'),
    importForm,
    table(['Address', 'Patient', 'Consented', 'Unencrypted allowed', 'Status'], consents.consents.map((c) => [c.address, c.patientRef, c.consentedOn, c.allowUnencrypted ? 'yes' : 'no', c.revokedAt ? `revoked ${c.revokedAt.slice(0, 10)}` : 'active'])),
    h('h2', {}, 'Keys and certificates'),
    table(['Type', 'Addresses', 'Fingerprint', 'Expires', 'Source'], keys.keys.map((k) => [k.keyType, k.addresses.join(', '), k.fingerprint, k.notAfter ?? 'never', k.source])),
    h('h2', {}, 'Known correspondents'),
    table(['Domain', 'Known', 'From', 'Sends'], correspondents.correspondents.map((c) => [c.domain, c.known ? 'yes' : 'no', c.origin, c.sends])),
  );
}
