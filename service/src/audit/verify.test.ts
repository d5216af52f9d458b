import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { compactVerify } from 'jose';
import { openStore } from '../store/open-store.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { AuditLog } from './audit-log.js';
import { parseCheckpointBody, signCheckpoint, verifyCheckpointNote } from './checkpoint-signature.js';
import { eventHash } from './event-hash.js';
import { publicKeyObject, toPublicKey, type AuditSigningKey } from './keys.js';
import { CompactRange } from './merkle.js';
import { chainRows, recordOf } from './repository.js';
import { openTestAuditLog, sampleEvent, testAuditKey, type TestAuditLog } from './testing.js';

const ALICE = 'alice@example.org';

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit verification'), () => {
    let t: TestAuditLog;
    /** Six events; a checkpoint after the fourth. */
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      await t.log.appendBatch(ALICE, [1, 2, 3, 4].map((i) => sampleEvent(`e-${i}`)));
      await t.log.checkpoint();
      await t.log.appendBatch(ALICE, [5, 6].map((i) => sampleEvent(`e-${i}`)));
    });
    afterEach(async () => t.dispose());

    const sql = (text: string, params: Array<string | number> = []) => t.db.store.run(text, params);
    const firstProblem = async () => (await t.log.verify()).problems[0];

    it('an untouched log verifies: chain, head and checkpoint', async () => {
      expect(await t.log.verify()).toEqual({
        ok: true,
        events: 6,
        purged: 0,
        checkpoints: 1,
        head: { seq: 6, hash: expect.any(String) },
        verifiedThrough: 4,
        problems: [],
      });
    });

    it('editing a stored field is detected at its seq', async () => {
      await sql("UPDATE audit_event SET actor = 'mallory@example.org' WHERE seq = 3");
      expect(await firstProblem()).toEqual({ seq: 3, code: 'hash_mismatch' });
    });

    it('editing a field kept in the JSON body is detected at its seq', async () => {
      await sql("UPDATE audit_event SET body = replace(body, 'bob@example.org', 'eve@example.org') WHERE seq = 5");
      expect(await firstProblem()).toEqual({ seq: 5, code: 'hash_mismatch' });
    });

    it('reordering two events is detected at the first of them', async () => {
      await sql('UPDATE audit_event SET seq = -1 WHERE seq = 2');
      await sql('UPDATE audit_event SET seq = 2 WHERE seq = 3');
      await sql('UPDATE audit_event SET seq = 3 WHERE seq = -1');
      const report = await t.log.verify();
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toEqual({ seq: 2, code: 'prev_hash_mismatch' });
    });

    it('deleting an event is detected at its seq', async () => {
      await sql('DELETE FROM audit_event WHERE seq = 2');
      const report = await t.log.verify();
      expect(report.problems[0]).toEqual({ seq: 2, code: 'missing_event' });
      // The checkpoint over 1..4 no longer recomputes either.
      expect(report.problems).toContainEqual({ seq: 4, code: 'checkpoint_root_mismatch', checkpoint: 4 });
    });

    it('deleting the newest events is detected against the stored head', async () => {
      await sql('DELETE FROM audit_event WHERE seq >= 5');
      expect(await firstProblem()).toEqual({ seq: 5, code: 'missing_event' });
    });

    it('deleting checkpointed events and rewinding the head is caught by the signed checkpoint', async () => {
      const [row] = await t.db.store.all<{ hash: string }>('SELECT hash FROM audit_event WHERE seq = 2');
      await sql('DELETE FROM audit_event WHERE seq > 2');
      await sql('UPDATE audit_head SET seq = 2, hash = ? WHERE id = 1', [row!.hash]);
      const report = await t.log.verify();
      expect(report.problems).toEqual([{ seq: 3, code: 'checkpoint_beyond_log', checkpoint: 4 }]);
    });

    it('rewriting an event and re-chaining everything after it is caught by the signed checkpoint', async () => {
      await sql("UPDATE audit_event SET actor = 'mallory@example.org' WHERE seq = 2");
      let prev: string | undefined;
      for (const row of await chainRows(t.db.store, 0, 6, 100)) {
        const prevHash = prev ?? row.prev_hash;
        const hash = eventHash(recordOf(row)!, prevHash);
        await sql('UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?', [prevHash, hash, row.seq]);
        prev = hash;
      }
      await sql('UPDATE audit_head SET hash = ? WHERE id = 1', [prev!]);
      const report = await t.log.verify();
      expect(report.problems).toEqual([{ seq: 4, code: 'checkpoint_root_mismatch', checkpoint: 4 }]);
      expect(report.verifiedThrough).toBe(0);
    });

    it("editing a checkpoint's root is detected", async () => {
      await sql("UPDATE audit_checkpoint SET root = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE size = 4");
      expect(await firstProblem()).toEqual({ seq: 4, code: 'checkpoint_mismatch', checkpoint: 4 });
    });

    it("editing a checkpoint's signature is detected", async () => {
      await sql("UPDATE audit_checkpoint SET jws = substr(jws, 1, length(jws) - 4) || 'AAAA' WHERE size = 4");
      expect(await firstProblem()).toEqual({ seq: 4, code: 'checkpoint_signature_invalid', checkpoint: 4 });
    });

    it('a checkpoint re-signed with a key the verifier does not trust is detected', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const publicKey = await toPublicKey(privateKey.export({ format: 'jwk' }));
      const forger: AuditSigningKey = { kid: publicKey.kid, privateKey, publicKey };
      const [row] = await t.db.store.all<{ root: string }>('SELECT root FROM audit_checkpoint WHERE size = 4');
      const { jws, note } = await signCheckpoint(forger, { origin: t.log.origin, size: 4, root: row!.root });
      await sql('UPDATE audit_checkpoint SET jws = ?, note = ?, key_id = ? WHERE size = 4', [jws, note, forger.kid]);
      expect(await firstProblem()).toEqual({ seq: 4, code: 'checkpoint_unknown_key', checkpoint: 4 });
    });

    it('blanking an event as if it had been purged is detected', async () => {
      await sql('UPDATE audit_event SET purged_by = 6, actor = NULL, body = NULL, client = NULL, occurred = NULL, client_event_id = NULL WHERE seq = 3');
      expect(await firstProblem()).toEqual({ seq: 3, code: 'purge_not_recorded' });
    });

    it('blanking an event and blaming a purge that does not exist yet is detected', async () => {
      await sql('UPDATE audit_event SET purged_by = 999, actor = NULL, body = NULL, client = NULL, occurred = NULL, client_event_id = NULL WHERE seq = 3');
      expect(await firstProblem()).toEqual({ seq: 3, code: 'purge_not_recorded' });
    });

    it('a row no append could write is reported, not thrown', async () => {
      await sql("UPDATE audit_event SET body = 'not json' WHERE seq = 4");
      expect(await firstProblem()).toEqual({ seq: 4, code: 'malformed_event' });
    });
  });

  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'audit checkpoints'), () => {
    let t: TestAuditLog;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
    });
    afterEach(async () => t.dispose());

    it('a checkpoint is the RFC 6962 head over the event hashes, signed as a JWS and a C2SP note', async () => {
      const results = await t.log.appendBatch(ALICE, [1, 2, 3].map((i) => sampleEvent(`e-${i}`)));
      const checkpoint = await t.log.checkpoint();
      const range = CompactRange.empty();
      results.forEach((r) => range.append(Buffer.from(r.hash, 'hex')));
      const body = `phi-guard/audit\n3\n${range.root().toString('base64')}\n`;
      expect(checkpoint).toMatchObject({ size: 3, root: range.root().toString('base64'), origin: 'phi-guard/audit', keyId: t.log.publicKey.kid });
      const { payload, protectedHeader } = await compactVerify(checkpoint.jws, publicKeyObject(t.log.publicKey));
      expect(new TextDecoder().decode(payload)).toBe(body);
      expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: t.log.publicKey.kid, typ: 'phiguard-checkpoint' });
      expect(verifyCheckpointNote(checkpoint.note, body, 'phi-guard/audit', t.log.publicKey)).toBe(true);
      expect(parseCheckpointBody(body)).toEqual({ origin: 'phi-guard/audit', size: 3, root: checkpoint.root });
    });

    it('with nothing new since the last checkpoint, the last one is returned', async () => {
      await t.log.append(ALICE, sampleEvent('e-1'));
      const first = await t.log.checkpoint();
      expect(await t.log.checkpoint()).toEqual(first);
      expect(await t.log.latestCheckpoint()).toEqual(first);
    });

    it('each checkpoint continues from the previous one, and all of them verify', async () => {
      for (let round = 0; round < 4; round++) {
        await t.log.appendBatch(ALICE, [1, 2, 3].map((i) => sampleEvent(`r${round}-${i}`)));
        await t.log.checkpoint();
      }
      const report = await t.log.verify();
      expect(report).toMatchObject({ ok: true, checkpoints: 4, verifiedThrough: 12 });
    });

    it('an empty log can be checkpointed, and verifies', async () => {
      expect(await t.log.checkpoint()).toMatchObject({ size: 0, root: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' });
      expect(await t.log.verify()).toMatchObject({ ok: true, checkpoints: 1 });
    });

    it('an on-demand checkpoint is recorded as an event by the admin who asked', async () => {
      await t.log.append(ALICE, sampleEvent('e-1'));
      const checkpoint = await t.log.checkpoint({ by: 'Admin@example.org' });
      await t.log.close();
      const [event] = (await t.log.search({ kinds: ['checkpoint'] })).events;
      expect(event).toMatchObject({ seq: 2, actor: 'admin@example.org', client: 'service', detail: { size: 1, root: checkpoint.root } });
    });

    it('no checkpoint is signed over a broken chain', async () => {
      await t.log.appendBatch(ALICE, [sampleEvent('e-1'), sampleEvent('e-2')]);
      await t.db.store.run("UPDATE audit_event SET actor = 'mallory@example.org' WHERE seq = 2");
      await expect(t.log.checkpoint()).rejects.toMatchObject({ code: 'chain_broken', details: { seq: 2 } });
      expect(await t.log.latestCheckpoint()).toBeUndefined();
    });

    it('a checkpoint signed with a previous key still verifies after the key changes', async () => {
      await t.log.append(ALICE, sampleEvent('e-1'));
      await t.log.checkpoint();
      const { privateKey } = generateKeyPairSync('ed25519');
      const publicKey = await toPublicKey(privateKey.export({ format: 'jwk' }));
      const next = new AuditLog({ store: t.db.store, key: { kid: publicKey.kid, privateKey, publicKey }, previousKeys: [t.log.publicKey] });
      await next.append(ALICE, sampleEvent('e-2'));
      await next.checkpoint();
      expect(await next.verify()).toMatchObject({ ok: true, checkpoints: 2 });
      await next.close();
    });
  });
}

const postgres = storeTargets().find((target) => target.name === 'postgres')!;
(postgres.skipReason ? describe.skip : describe)(targetTitle(postgres, 'audit log replicas'), () => {
  it('two service replicas appending to one database build one valid chain', async () => {
    const db = await postgres.open();
    const other = await openStore(db.options);
    const key = await testAuditKey();
    const a = new AuditLog({ store: db.store, key });
    const b = new AuditLog({ store: other, key });
    try {
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).append(ALICE, sampleEvent(`r-${i}`))),
      );
      await Promise.all([a.checkpoint(), b.checkpoint()]);
      expect(new Set(results.map((r) => r.seq)).size).toBe(60);
      expect(await a.verify()).toMatchObject({ ok: true, events: 60 });
    } finally {
      await a.close();
      await b.close();
      await other.close();
      await db.dispose();
    }
  });
});
