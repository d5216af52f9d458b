import { enqueue, readOutbox, withoutDelivered, type Outbox } from '@phiguard/core';
import type { AuditEvent, ServiceClient } from '../service/client.js';

/** Where queued events live: Office roaming settings in Outlook, a map in tests. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save(): Promise<void>;
}

export const OUTBOX_SETTING = 'phiguardAuditOutbox';

/** Audit events waiting for the service, kept in roaming settings (the queue's rules are the core's). */
export class AuditOutbox {
  constructor(private readonly settings: SettingsStore) {}

  queued(): Outbox {
    return readOutbox(this.settings.get(OUTBOX_SETTING));
  }

  async add(event: AuditEvent): Promise<void> {
    await this.store(enqueue(this.queued(), event));
  }

  /** Sends what is queued; what the service confirmed leaves the queue, the rest waits for next time. */
  async flush(client: Pick<ServiceClient, 'appendAudit'>, timeoutMs: number): Promise<number> {
    const { events } = this.queued();
    if (events.length === 0) return 0;
    const stored = await client.appendAudit(events as AuditEvent[], timeoutMs);
    await this.store(withoutDelivered(this.queued(), stored));
    return new Set(stored).size;
  }

  private async store(value: Outbox): Promise<void> {
    this.settings.set(OUTBOX_SETTING, value);
    await this.settings.save();
  }
}
