import type { AuditEvent, ServiceClient } from '../service/client.js';

/** Where queued events live: Office roaming settings in Outlook, a map in tests. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save(): Promise<void>;
}

export const OUTBOX_SETTING = 'phiguardAuditOutbox';
/**
 * Roaming settings hold 32 KB in all, so the queue is bounded; past this the oldest events give
 * way and the number lost is kept beside the queue, so a loss is on record rather than silent.
 */
export const MAX_QUEUED_EVENTS = 50;

interface Stored {
  events: AuditEvent[];
  dropped: number;
}

/**
 * Audit events waiting for the service. Every event is queued first and removed only once the
 * service confirms its id, so an outage loses nothing and a retry never duplicates (the service
 * ignores a clientEventId it already has).
 */
export class AuditOutbox {
  constructor(private readonly settings: SettingsStore) {}

  queued(): Stored {
    const value = this.settings.get(OUTBOX_SETTING) as Partial<Stored> | undefined;
    return { events: Array.isArray(value?.events) ? value.events : [], dropped: typeof value?.dropped === 'number' ? value.dropped : 0 };
  }

  async add(event: AuditEvent): Promise<void> {
    const { events, dropped } = this.queued();
    const all = [...events, event];
    const over = Math.max(0, all.length - MAX_QUEUED_EVENTS);
    await this.store({ events: all.slice(over), dropped: dropped + over });
  }

  /** Sends what is queued; what the service confirmed leaves the queue, the rest waits for next time. */
  async flush(client: Pick<ServiceClient, 'appendAudit'>, timeoutMs: number): Promise<number> {
    const { events } = this.queued();
    if (events.length === 0) return 0;
    const stored = new Set(await client.appendAudit(events, timeoutMs));
    const latest = this.queued();
    await this.store({ events: latest.events.filter((e) => !stored.has(e.clientEventId)), dropped: latest.dropped });
    return stored.size;
  }

  private async store(value: Stored): Promise<void> {
    this.settings.set(OUTBOX_SETTING, value);
    await this.settings.save();
  }
}
