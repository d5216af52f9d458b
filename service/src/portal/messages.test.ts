import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanSummary } from '../audit/audit-log.js';
import { openTestAuditLog, type TestAuditLog } from '../audit/testing.js';
import type { AuditKind } from '../audit/schema.js';
import { storeTargets, targetTitle } from '../store/testing.js';
import { loadOrCreatePortalKeyring, type PortalKeyring } from './keyring.js';
import { createPortalMessages, linkHash, type PortalMessages } from './messages.js';
import { PortalError, type PortalContent } from './model.js';

const SENDER = 'Alice@Clinic.example.org';
const PATIENT = 'maria.lopez@gmail.com';
const ATTACHMENT_TEXT = 'A1c 9.1% for Maria Lopez, MRN 884211';
const CONTENT: PortalContent = {
  subject: 'Lab results for Maria Lopez',
  text: 'Dear Maria, your HIV test came back negative.',
  html: '<p>Dear Maria, your HIV test came back negative.</p>',
  attachments: [{ name: 'maria-lopez-labs.txt', contentType: 'text/plain', data: Buffer.from(ATTACHMENT_TEXT).toString('base64') }],
};
const SCAN: ScanSummary = { phiKinds: { NAME: 1, CONDITION: 1 }, action: 'encrypt', reasonCodes: ['phi_unprotected'] };
const DAY_MS = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PortalError) return error.code;
    throw error;
  }
  throw new Error('no error');
}

let keyring: PortalKeyring;
beforeAll(async () => {
  keyring = await loadOrCreatePortalKeyring(await mkdtemp(join(tmpdir(), 'phi-guard-portal-messages-')));
});

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'portal messages'), () => {
    let t: TestAuditLog;
    let messages: PortalMessages;
    beforeEach(async () => {
      t = await openTestAuditLog(target);
      messages = createPortalMessages({ store: t.db.store, auditLog: t.log, keyring, now: t.clock.now });
    });
    afterEach(async () => t.dispose());

    const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY_MS);
    const create = (recipients = [PATIENT], expiresAt = inDays(30)) => messages.create(SENDER, CONTENT, recipients, expiresAt, SCAN);
    const events = async (kind: AuditKind) => (await t.log.search({ kinds: [kind] })).events;
    const raw = async (sql: string, params: string[] = []) => t.db.store.all(sql, params);

    it('a rotated key-encryption key seals new messages while older ones still open, with their replies', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'phi-guard-portal-rotation-'));
      const before = await loadOrCreatePortalKeyring(dir);
      const old = await createPortalMessages({ store: t.db.store, auditLog: t.log, keyring: before, now: t.clock.now }).create(
        SENDER,
        CONTENT,
        [PATIENT],
        inDays(30),
        SCAN,
      );
      const newKid = await before.rotate();
      // What a restarted service sees: the key file as rotate left it.
      const after = createPortalMessages({ store: t.db.store, auditLog: t.log, keyring: await loadOrCreatePortalKeyring(dir), now: t.clock.now });
      await after.addReply(old.info.id, PATIENT, 'Thanks, got it.');
      expect(await after.open(old.info.id)).toEqual(CONTENT);
      expect((await after.replies(old.info.id)).map((r) => r.text)).toEqual(['Thanks, got it.']);
      const fresh = await after.create(SENDER, CONTENT, [PATIENT], inDays(30), SCAN);
      const kekOf = async (id: string) => (await raw('SELECT kek_id FROM portal_message WHERE id = ?', [id]))[0]!.kek_id;
      expect(await kekOf(fresh.info.id)).toBe(newKid);
      expect(await kekOf(old.info.id)).not.toBe(newKid);
    });

    describe('create', () => {
      it('stores an active message for each distinct recipient and returns a link token once', async () => {
        const { info, linkToken } = await create(['Maria.Lopez@Gmail.com', PATIENT, 'dr.kim@partner.example.org']);
        expect(linkToken).toMatch(/^[\w-]{43}$/);
        expect(info).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          sender: 'alice@clinic.example.org',
          createdAt: '2026-03-01T12:00:00.000Z',
          expiresAt: inDays(30).toISOString(),
          state: 'active',
          recipients: [
            { address: 'dr.kim@partner.example.org', failedAttempts: 0 },
            { address: PATIENT, failedAttempts: 0 },
          ],
          replies: 0,
        });
        expect(await messages.byLinkToken(linkToken)).toEqual(info);
        expect(await messages.open(info.id)).toEqual(CONTENT);
      });

      it('is audited as portal_created by the sender, with the recipients and the scan summary but no content', async () => {
        const { info } = await create();
        const [event] = await events('portal_created');
        expect(event).toMatchObject({
          actor: 'alice@clinic.example.org',
          client: 'service',
          recipients: [PATIENT],
          phiKinds: SCAN.phiKinds,
          action: 'encrypt',
          reasonCodes: ['phi_unprotected'],
          detail: { messageId: info.id },
        });
        expect(JSON.stringify(event)).not.toMatch(/Maria Lopez|HIV|labs\.txt/);
      });

      it('leaves nothing readable in the database: no subject, body, attachment name or bytes, nor the link token', async () => {
        const { info, linkToken } = await create();
        await messages.addReply(info.id, PATIENT, 'Thank you, Dr. Alice, relieved about the HIV result');
        const dump = [];
        for (const table of ['portal_message', 'portal_recipient', 'portal_reply', 'portal_session']) {
          dump.push(...(await raw(`SELECT * FROM ${table}`)).flatMap((row) => Object.values(row).filter((v) => typeof v === 'string')));
        }
        const text = dump.join('\n');
        expect(text).toContain(info.id);
        for (const secret of [
          CONTENT.subject,
          'Maria',
          'HIV',
          CONTENT.attachments[0]!.name,
          CONTENT.attachments[0]!.data,
          ATTACHMENT_TEXT,
          'relieved',
          linkToken,
        ]) {
          expect(text).not.toContain(secret);
        }
        const [row] = await raw('SELECT link_hash FROM portal_message');
        expect(row!.link_hash).toBe(linkHash(linkToken));
      });

      it('refuses an expiry that is not in the future', async () => {
        expect(await codeOf(create([PATIENT], t.clock.now()))).toBe('expiry_out_of_range');
      });
    });

    describe('lookups', () => {
      it('an unknown id or link token finds nothing, and opening it is not_found', async () => {
        await create();
        expect(await messages.info('00000000-0000-4000-8000-000000000000')).toBeUndefined();
        expect(await messages.byLinkToken('not-a-token')).toBeUndefined();
        expect(await codeOf(messages.open('00000000-0000-4000-8000-000000000000'))).toBe('not_found');
      });

      it("lists a sender's own messages, newest first, a page at a time", async () => {
        const ids = [];
        for (let i = 0; i < 3; i += 1) {
          ids.push((await create()).info.id);
          t.clock.set(new Date(t.clock.now().getTime() + 1000).toISOString());
        }
        await messages.create('bob@clinic.example.org', CONTENT, [PATIENT], inDays(30), SCAN);
        const first = await messages.listBySender('ALICE@clinic.example.org', { limit: 2 });
        expect(first.messages.map((m) => m.id)).toEqual([ids[2], ids[1]]);
        const second = await messages.listBySender(SENDER, { limit: 2, cursor: first.nextCursor! });
        expect(second).toEqual({ messages: [expect.objectContaining({ id: ids[0] })] });
        expect(await codeOf(messages.listBySender(SENDER, { cursor: 'bm9wZQ' }))).toBe('invalid_cursor');
      });
    });

    describe('expiry', () => {
      it('a message past its expiry is expired at once, before any sweep', async () => {
        const { info } = await create([PATIENT], inDays(1));
        t.clock.advanceDays(1);
        expect(await codeOf(messages.open(info.id))).toBe('expired');
        expect((await messages.info(info.id))!.state).toBe('expired');
        expect(await codeOf(messages.replies(info.id))).toBe('expired');
        expect(await codeOf(messages.addReply(info.id, PATIENT, 'hello'))).toBe('expired');
      });

      it('the sender can move the expiry within the maximum; audited portal_expiry_changed', async () => {
        const { info } = await create();
        const changed = await messages.setExpiry(info.id, inDays(60), SENDER, inDays(90));
        expect(changed.expiresAt).toBe(inDays(60).toISOString());
        const [event] = await events('portal_expiry_changed');
        expect(event).toMatchObject({ actor: 'alice@clinic.example.org', recipients: [PATIENT], detail: { messageId: info.id, expiresAt: inDays(60).toISOString() } });
      });

      it.each([
        ['in the past', -1],
        ['now', 0],
        ['beyond the maximum', 91],
      ])('refuses an expiry %s', async (_title, days) => {
        const { info } = await create();
        expect(await codeOf(messages.setExpiry(info.id, inDays(days), SENDER, inDays(90)))).toBe('expiry_out_of_range');
        expect(await events('portal_expiry_changed')).toEqual([]);
      });

      it('an expired message cannot be given a new expiry', async () => {
        const { info } = await create([PATIENT], inDays(1));
        t.clock.advanceDays(2);
        expect(await codeOf(messages.setExpiry(info.id, inDays(5), SENDER, inDays(90)))).toBe('expired');
      });
    });

    describe('recall', () => {
      it('shreds the message key at once: the content no longer opens; audited portal_recalled', async () => {
        const { info } = await create();
        const recalled = await messages.recall(info.id, 'Admin@Clinic.example.org');
        expect(recalled).toMatchObject({ state: 'recalled', recalledAt: '2026-03-01T12:00:00.000Z' });
        const [row] = await raw('SELECT dek_wrapped, recalled_by, content FROM portal_message');
        expect(row).toMatchObject({ dek_wrapped: null, recalled_by: 'admin@clinic.example.org' });
        expect(row!.content).not.toBeNull();
        expect(await codeOf(messages.open(info.id))).toBe('recalled');
        const [event] = await events('portal_recalled');
        expect(event).toMatchObject({ actor: 'admin@clinic.example.org', recipients: [PATIENT], detail: { messageId: info.id } });
      });

      it('a recalled message cannot be recalled again, nor have its notice marked sent', async () => {
        const { info } = await create();
        await messages.recall(info.id, SENDER);
        expect(await codeOf(messages.recall(info.id, SENDER))).toBe('recalled');
        expect(await codeOf(messages.markNoticeSent(info.id, SENDER))).toBe('recalled');
        expect(await events('portal_recalled')).toHaveLength(1);
      });
    });

    describe('recipients', () => {
      it('marking the notice sent stamps every recipient; audited portal_notice_sent', async () => {
        const { info } = await create([PATIENT, 'dr.kim@partner.example.org']);
        const after = await messages.markNoticeSent(info.id, SENDER);
        expect(after.recipients.map((r) => r.noticeSentAt)).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z']);
        const [event] = await events('portal_notice_sent');
        expect(event).toMatchObject({ actor: 'alice@clinic.example.org', recipients: ['dr.kim@partner.example.org', PATIENT], detail: { messageId: info.id } });
      });

      it('records the first and the latest opening per recipient; audited portal_opened by the recipient', async () => {
        const { info } = await create();
        await messages.recordOpened(info.id, 'Maria.Lopez@gmail.com');
        t.clock.set('2026-03-02T08:00:00.000Z');
        await messages.recordOpened(info.id, PATIENT);
        const [status] = (await messages.info(info.id))!.recipients;
        expect(status).toMatchObject({ firstOpenedAt: '2026-03-01T12:00:00.000Z', lastOpenedAt: '2026-03-02T08:00:00.000Z' });
        const opened = await events('portal_opened');
        expect(opened).toHaveLength(2);
        expect(opened[0]).toMatchObject({ actor: PATIENT, recipients: [PATIENT], detail: { messageId: info.id } });
      });

      it('records a download by attachment position (never its name); audited portal_downloaded', async () => {
        const { info } = await create();
        await messages.recordDownload(info.id, PATIENT, 0);
        const [event] = await events('portal_downloaded');
        expect(event).toMatchObject({ actor: PATIENT, detail: { messageId: info.id, attachment: 0 } });
      });

      it('someone who is not a recipient cannot be recorded as opening or downloading', async () => {
        const { info } = await create();
        expect(await codeOf(messages.recordOpened(info.id, 'eve@example.net'))).toBe('not_a_recipient');
        expect(await codeOf(messages.recordDownload(info.id, 'eve@example.net', 0))).toBe('not_a_recipient');
        expect(await events('portal_opened')).toEqual([]);
      });

      it('opening a recalled message is not recorded', async () => {
        const { info } = await create();
        await messages.recall(info.id, SENDER);
        expect(await codeOf(messages.recordOpened(info.id, PATIENT))).toBe('recalled');
      });
    });

    describe('replies', () => {
      it('the recipient and the sender reply; replies read back in order, decrypted; audited portal_replied by the author', async () => {
        const { info } = await create();
        await messages.addReply(info.id, 'Maria.Lopez@Gmail.com', 'Thank you!');
        t.clock.set('2026-03-01T13:00:00.000Z');
        await messages.addReply(info.id, SENDER, 'You are welcome.');
        expect(await messages.replies(info.id)).toEqual([
          { id: expect.any(String), author: PATIENT, createdAt: '2026-03-01T12:00:00.000Z', text: 'Thank you!' },
          { id: expect.any(String), author: 'alice@clinic.example.org', createdAt: '2026-03-01T13:00:00.000Z', text: 'You are welcome.' },
        ]);
        expect((await messages.info(info.id))!.replies).toBe(2);
        expect((await events('portal_replied')).map((e) => e.actor)).toEqual(['alice@clinic.example.org', PATIENT]);
      });

      it('nobody else can reply', async () => {
        const { info } = await create();
        expect(await codeOf(messages.addReply(info.id, 'eve@example.net', 'hi'))).toBe('not_a_recipient');
        expect(await messages.replies(info.id)).toEqual([]);
      });
    });

    describe('sweep', () => {
      it('records an expiry once and shreds the key, then deletes content and replies after the grace days', async () => {
        const { info } = await create([PATIENT], inDays(1));
        await messages.addReply(info.id, PATIENT, 'Thank you!');
        expect(await messages.sweep(7)).toEqual({ expired: 0, deleted: 0 });

        t.clock.advanceDays(2);
        expect(await messages.sweep(7)).toEqual({ expired: 1, deleted: 0 });
        expect(await messages.sweep(7)).toEqual({ expired: 0, deleted: 0 });
        const [expiredRow] = await raw('SELECT dek_wrapped, content, expired_recorded_at FROM portal_message');
        expect(expiredRow).toMatchObject({ dek_wrapped: null, expired_recorded_at: t.clock.now().toISOString() });
        expect(expiredRow!.content).not.toBeNull();
        expect(await events('portal_expired')).toEqual([expect.objectContaining({ actor: 'service', recipients: [PATIENT], detail: { messageId: info.id } })]);

        t.clock.advanceDays(6);
        expect(await messages.sweep(7)).toEqual({ expired: 0, deleted: 1 });
        expect(await raw('SELECT content, dek_wrapped FROM portal_message')).toEqual([{ content: null, dek_wrapped: null }]);
        expect(await raw('SELECT content FROM portal_reply')).toEqual([{ content: null }]);
        expect((await messages.info(info.id))!.state).toBe('deleted');
        expect(await codeOf(messages.open(info.id))).toBe('deleted');
        expect(await events('portal_deleted')).toEqual([expect.objectContaining({ actor: 'service', detail: { messageId: info.id } })]);
        expect(await messages.sweep(7)).toEqual({ expired: 0, deleted: 0 });
      });

      it('deletes a recalled message after the grace days, without an expiry event', async () => {
        const { info } = await create();
        await messages.recall(info.id, SENDER);
        t.clock.advanceDays(3);
        expect(await messages.sweep(3)).toEqual({ expired: 0, deleted: 1 });
        expect(await events('portal_expired')).toEqual([]);
        expect((await messages.info(info.id))!.state).toBe('deleted');
      });

      it('leaves active messages alone, and sweeps more messages than fit in one batch', async () => {
        const active = (await create()).info.id;
        for (let i = 0; i < 101; i += 1) await create([PATIENT], inDays(1));
        t.clock.advanceDays(1);
        expect(await messages.sweep(0)).toEqual({ expired: 101, deleted: 101 });
        expect(await messages.open(active)).toEqual(CONTENT);
        expect((await t.log.verify()).ok).toBe(true);
      });
    });
  });
}
