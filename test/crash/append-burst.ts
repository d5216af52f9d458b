// Child of audit-crash.test.ts: appends to the SQLite audit log in argv[2] from many concurrent
// writers (single events and 3-event batches) and prints each clientEventId the moment its
// append resolves, until the parent kills it with SIGKILL.
import { AuditLog } from '../../service/src/audit/audit-log.js';
import { loadOrCreateAuditKey } from '../../service/src/audit/keys.js';
import { sampleEvent } from '../../service/src/audit/testing.js';
import { openStore } from '../../service/src/store/open-store.js';

const WRITERS = 24;
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: append-burst.ts DATA_DIR');

const store = await openStore({ dataDir });
const log = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
const acknowledge = (ids: readonly string[]) => process.stdout.write(ids.map((id) => `${id}\n`).join(''));

setInterval(() => void log.checkpoint().catch(() => undefined), 25);

async function writer(w: number): Promise<never> {
  for (let n = 0; ; n++) {
    if (n % 4 === 3) {
      const ids = [0, 1, 2].map((i) => `w${w}-${n}-b${i}`);
      await log.appendBatch('crash@example.org', ids.map((id) => sampleEvent(id)));
      acknowledge(ids);
    } else {
      const id = `w${w}-${n}`;
      await log.append('crash@example.org', sampleEvent(id));
      acknowledge([id]);
    }
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
