import type { Checkpoint, VerifyReport } from '../../../src/audit/schema.js';
import { api } from '../api.js';
import { announce, h, show } from '../dom.js';

/** Integrity: the latest signed checkpoint, and a verification of the whole chain run on request. */
export async function integrityView(main: HTMLElement): Promise<void> {
  const latest = await api<Checkpoint>('GET', '/v1/audit/checkpoints/latest').catch(() => undefined);
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  const run = h('button', { type: 'button' }, 'Verify the audit log now');
  run.addEventListener('click', () => {
    run.disabled = true;
    show(result, h('p', {}, 'Verifying…'));
    api<VerifyReport>('GET', '/v1/audit/verify')
      .then((report) => {
        const headline = report.ok
          ? `Verified: ${report.events} events (${report.purged} purged under retention), ${report.checkpoints} signed checkpoints, nothing altered or removed.`
          : `Problems found: ${report.problems.length}. The first is where tampering or damage starts.`;
        show(
          result,
          h('p', { class: report.ok ? 'ok' : 'error' }, h('strong', {}, headline)),
          h('p', {}, `Chain head: event ${report.head.seq}, hash ${report.head.hash}. Checkpoints verified through event ${report.verifiedThrough}.`),
          report.problems.length > 0 ? h('ul', {}, ...report.problems.map((p) => h('li', {}, JSON.stringify(p)))) : null,
        );
        announce(headline);
      })
      .catch((e: unknown) => show(result, h('p', { class: 'error' }, e instanceof Error ? e.message : 'Verification failed to run.')))
      .finally(() => (run.disabled = false));
  });
  show(
    main,
    h('h1', {}, 'Integrity'),
    h('p', {}, 'Every event is chained to the one before by its hash, and the service signs checkpoints (Merkle tree heads) of the chain. Verification recomputes both.'),
    h('h2', {}, 'Latest checkpoint'),
    latest
      ? h('dl', { class: 'detail' }, h('dt', {}, 'Events covered'), h('dd', {}, latest.size), h('dt', {}, 'Signed'), h('dd', {}, latest.recorded), h('dt', {}, 'Key'), h('dd', {}, latest.keyId), h('dt', {}, 'Tree head'), h('dd', {}, latest.root))
      : h('p', {}, 'No checkpoint yet.'),
    run,
    result,
  );
}
