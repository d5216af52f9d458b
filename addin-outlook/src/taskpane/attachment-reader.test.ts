import { describe, expect, it } from '@jest/globals';
import type { AttachmentScanAnswer, AttachmentUpload } from '@phiguard/core';
import { Base64 } from 'js-base64';
import type { ExtractRequest } from '../attachments/protocol.js';
import { rememberingReader, withFallback, workerReader, type AttachmentReader, type WorkerLike } from './attachment-reader.js';

const upload = (name: string, text: string): AttachmentUpload => ({ name, contentType: 'application/pdf', data: Base64.encode(text) });
const PDF = upload('referral.pdf', 'Patient Maria Gonzalez, SSN 531-72-0846');
const SCAN = upload('scan.pdf', 'faxed page');

type Behaviour = 'answer' | 'hang' | 'fail to start';

/** A worker that answers each file with its own bytes as text, as the extraction worker would with a text layer. */
function fakeWorkers(behaviours: Behaviour[] = []) {
  const started: Array<{ received: ExtractRequest[]; transferred: ArrayBuffer[]; terminated: boolean }> = [];
  const create = (): WorkerLike => {
    const behaviour = behaviours[started.length] ?? 'answer';
    const record = { received: [] as ExtractRequest[], transferred: [] as ArrayBuffer[], terminated: false };
    started.push(record);
    const listeners = { message: [] as Array<(e: { data: unknown }) => void>, error: [] as Array<() => void> };
    return {
      addEventListener: (type: 'message' | 'error', listener: never) => void listeners[type].push(listener),
      postMessage(message, transfer) {
        record.received.push(message);
        record.transferred.push(...transfer);
        if (behaviour === 'fail to start') setTimeout(() => listeners.error.forEach((l) => l()), 0);
        if (behaviour !== 'answer') return;
        const text = new TextDecoder().decode(message.file.data);
        const answer: AttachmentScanAnswer = { parts: [{ name: message.file.name, page: 1, text }], uninspectable: [] };
        setTimeout(() => listeners.message.forEach((l) => l({ data: { id: message.id, answer } })), 0);
      },
      terminate: () => void (record.terminated = true),
    } as WorkerLike;
  };
  return { create, started };
}

const counting = (answer: AttachmentScanAnswer) => {
  const calls: string[][] = [];
  const reader: AttachmentReader = { scanAttachments: async (uploads) => (calls.push(uploads.map((u) => u.name)), answer) };
  return { reader, calls };
};

describe('reading attachments in the task pane’s worker', () => {
  it('hands each file’s bytes to the worker (moved, not copied) and gives back its parts', async () => {
    const workers = fakeWorkers();
    const answer = await workerReader(workers.create).scanAttachments([PDF, SCAN], 1000);
    expect(answer).toEqual({
      parts: [
        { name: 'referral.pdf', page: 1, text: 'Patient Maria Gonzalez, SSN 531-72-0846' },
        { name: 'scan.pdf', page: 1, text: 'faxed page' },
      ],
      uninspectable: [],
    });
    expect(workers.started).toHaveLength(1);
    expect(workers.started[0]!.received.map((r) => [r.file.name, r.file.contentType])).toEqual([['referral.pdf', 'application/pdf'], ['scan.pdf', 'application/pdf']]);
    expect(workers.started[0]!.transferred).toHaveLength(2);
  });

  it('calls a file the worker does not finish in time `timeout`, ends that worker, and reads the next file in a fresh one', async () => {
    const workers = fakeWorkers(['hang']);
    const reader = workerReader(workers.create);
    expect(await reader.scanAttachments([SCAN], 20)).toEqual({ parts: [], uninspectable: [{ name: 'scan.pdf', reason: 'timeout' }] });
    expect(workers.started[0]!.terminated).toBe(true);
    expect((await reader.scanAttachments([PDF], 1000)).parts.map((p) => p.name)).toEqual(['referral.pdf']);
    expect(workers.started).toHaveLength(2);
  });

  it('fails as a whole when the worker cannot run, so the service reads the files instead', async () => {
    const workers = fakeWorkers(['fail to start']);
    const service = counting({ parts: [{ name: 'referral.pdf', text: 'read by the service' }], uninspectable: [] });
    await expect(workerReader(workers.create).scanAttachments([PDF], 1000)).rejects.toMatchObject({ code: 'worker_unavailable' });

    const reader = withFallback(workerReader(fakeWorkers(['fail to start']).create), service.reader);
    expect((await reader.scanAttachments([PDF], 1000)).parts).toEqual([{ name: 'referral.pdf', text: 'read by the service' }]);
    expect(service.calls).toEqual([['referral.pdf']]);
  });

  it('asks the service about a file whose type the worker cannot read, and keeps the worker’s answer if the service cannot say either', async () => {
    const photo = upload('IMG_0001.HEIC', 'heic bytes');
    const unsupported: AttachmentReader = { scanAttachments: async () => ({ parts: [], uninspectable: [{ name: 'IMG_0001.HEIC', reason: 'unsupported' }] }) };
    const service = counting({ parts: [{ name: 'IMG_0001.HEIC', contentType: 'image/heic', text: 'SSN 531-72-0846' }], uninspectable: [] });
    expect((await withFallback(unsupported, service.reader).scanAttachments([photo], 1000)).parts).toEqual([{ name: 'IMG_0001.HEIC', contentType: 'image/heic', text: 'SSN 531-72-0846' }]);
    expect(service.calls).toEqual([['IMG_0001.HEIC']]);

    const down: AttachmentReader = { scanAttachments: () => Promise.reject(new Error('service down')) };
    expect(await withFallback(unsupported, down).scanAttachments([photo], 1000)).toEqual({ parts: [], uninspectable: [{ name: 'IMG_0001.HEIC', reason: 'unsupported' }] });

    // A file the worker read is never sent.
    const read = counting({ parts: [], uninspectable: [] });
    await withFallback(workerReader(fakeWorkers().create), read.reader).scanAttachments([PDF], 1000);
    expect(read.calls).toEqual([]);
  });

  it('a Worker that cannot even be constructed (a host that refuses workers) also falls back', async () => {
    const service = counting({ parts: [], uninspectable: [] });
    const refused = workerReader(() => {
      throw new Error('SecurityError');
    });
    await withFallback(refused, service.reader).scanAttachments([PDF], 1000);
    expect(service.calls).toEqual([['referral.pdf']]);
  });
});

describe('each attachment read once per pane', () => {
  const digest = async (text: string) => text;

  it('reads a file once however often the draft is checked, and again when a different file takes its name', async () => {
    const inner = counting({ parts: [], uninspectable: [] });
    const reader = rememberingReader(inner.reader, digest);
    await reader.scanAttachments([PDF, SCAN], 1000);
    await reader.scanAttachments([PDF, SCAN], 1000);
    await Promise.all([reader.scanAttachments([PDF], 1000), reader.scanAttachments([PDF], 1000)]);
    expect(inner.calls).toEqual([['referral.pdf'], ['scan.pdf']]);

    await reader.scanAttachments([upload('referral.pdf', 'a corrected letter')], 1000);
    expect(inner.calls).toEqual([['referral.pdf'], ['scan.pdf'], ['referral.pdf']]);
  });

  it('does not remember a failed read, so the next check tries again', async () => {
    let failures = 1;
    const calls: string[] = [];
    const flaky: AttachmentReader = {
      scanAttachments: async (uploads) => {
        calls.push(uploads[0]!.name);
        if (failures-- > 0) throw new Error('service down');
        return { parts: [], uninspectable: [] };
      },
    };
    const reader = rememberingReader(flaky, digest);
    await expect(reader.scanAttachments([PDF], 1000)).rejects.toThrow('service down');
    await expect(reader.scanAttachments([PDF], 1000)).resolves.toEqual({ parts: [], uninspectable: [] });
    expect(calls).toEqual(['referral.pdf', 'referral.pdf']);
  });
});
