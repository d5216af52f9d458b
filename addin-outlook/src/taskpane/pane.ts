import { justificationAccepted, type Policy } from '@phiguard/core';
import { AuditOutbox, type SettingsStore } from '../audit/outbox.js';
import type { AuditEvent, OpenPgpClient, PortalClient, ServiceClient } from '../service/client.js';
import { applyFix, FixError } from './apply-fix.js';
import type { AttachmentReader } from './attachment-reader.js';
import { overrideMarker } from '../override.js';
import { overrideEvent, protectionEvent } from './audit-events.js';
import { checkDraft, type Checked } from './check.js';
import type { DraftSource } from './draft-source.js';
import { toView, type DecisionView } from '@phiguard/core';
import { outlookUnavailable } from './fix-availability.js';

/** Where the pane shows itself (render.ts in the page). */
export interface PaneUi {
  /** `view` is undefined before the first check finishes. */
  show(view: DecisionView | undefined, status: PaneStatus): void;
}

/** A one-line message about the last thing the user did, or the check in progress. */
export interface PaneStatus {
  readonly text: string;
  readonly tone: 'info' | 'success' | 'error';
  /** Set when the message is about the justification box. */
  readonly justification?: boolean;
}

export interface PaneDeps {
  readonly source: DraftSource;
  readonly policy: Policy;
  /** Absent when the service cannot be used (the offline demo). */
  readonly client?: ServiceClient & PortalClient & OpenPgpClient;
  /** Reads non-text attachments (attachment-reader.ts); absent, they are uninspectable. */
  readonly attachments?: AttachmentReader;
  readonly settings: SettingsStore;
  readonly user?: string;
  readonly ui: PaneUi;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface Pane {
  /** Checks the draft again; a check that finishes after a newer one started is dropped. */
  check(): Promise<void>;
  applyFix(key: string): Promise<void>;
  override(justification: string): Promise<void>;
}

const AUDIT_TIMEOUT_MS = 5000;
const CHECKING: PaneStatus = { text: 'Checking… (attachments can take a few seconds)', tone: 'info' };
/** A check still running after this long shows CHECKING; quicker ones do not flicker it. */
const SLOW_CHECK_MS = 400;

export function createPane(deps: PaneDeps): Pane {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => `ol-${crypto.randomUUID()}`);
  const outbox = new AuditOutbox(deps.settings);
  const viewOptions = { policy: deps.policy, unavailable: outlookUnavailable(deps.client !== undefined), ...(deps.user ? { user: deps.user } : {}) };
  let latest: { checked: Checked; view: DecisionView } | undefined;
  let generation = 0;
  let status: PaneStatus = CHECKING;

  const show = () => deps.ui.show(latest?.view, status);

  const check = async () => {
    const mine = ++generation;
    // A check that waits on an attachment being read (OCR takes seconds) says so over the last result.
    const slow = setTimeout(() => {
      if (mine !== generation || status.tone === 'error') return;
      status = CHECKING;
      show();
    }, SLOW_CHECK_MS);
    try {
      const checked = await checkDraft({
        source: deps.source,
        policy: deps.policy,
        ...(deps.client ? { client: deps.client } : {}),
        ...(deps.attachments ? { attachments: deps.attachments } : {}),
      });
      if (mine !== generation) return;
      latest = { checked, view: toView(checked, viewOptions) };
      if (status === CHECKING) status = { text: '', tone: 'info' };
    } catch {
      if (mine !== generation) return;
      status = { text: 'PHI Guard could not read this draft. Try Re-check.', tone: 'error' };
    } finally {
      clearTimeout(slow);
    }
    show();
  };

  // Queued first, delivered when the service answers: the same outbox as the on-send check.
  const record = async (event: AuditEvent) => {
    await outbox.add(event);
    if (deps.client) await outbox.flush(deps.client, AUDIT_TIMEOUT_MS).catch(() => undefined);
  };

  return {
    check,
    async applyFix(key) {
      const current = latest;
      const chosen = current?.view.fixes.find((f) => f.key === key);
      if (!current || !chosen || chosen.unavailable) return;
      try {
        const applied = await applyFix(chosen.fix, {
          source: deps.source,
          checked: current.checked,
          policy: deps.policy,
          ...(deps.client ? { client: deps.client } : {}),
        });
        if (applied) await record(protectionEvent(current.checked, applied, now(), newId())).catch(() => undefined);
        status = { text: `Done: ${chosen.label}.`, tone: 'success' };
      } catch (error) {
        status = { text: error instanceof FixError ? error.message : 'The draft could not be changed. Try again.', tone: 'error' };
      }
      await check();
    },
    async override(justification) {
      const current = latest;
      if (!current?.view.override) return;
      if (current.view.override.justificationRequired && !justificationAccepted(deps.policy, justification)) {
        status = { text: `Write a reason of at least ${current.view.override.minLength} characters.`, tone: 'error', justification: true };
        show();
        return;
      }
      try {
        await record(overrideEvent(current.checked, justification, now(), newId()));
        await deps.source.markOverride(overrideMarker(current.checked.decision, current.checked.recipients.map((r) => r.address)));
        status = { text: 'Your reason is recorded for your privacy team. You can send the message now.', tone: 'success' };
      } catch {
        status = { text: 'The override could not be recorded. Try again.', tone: 'error', justification: true };
      }
      show();
    },
  };
}
