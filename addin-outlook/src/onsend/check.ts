import {
  countKinds,
  decide,
  onSendMessage,
  PolicySchema,
  scan,
  toOrgProfile,
  type AppliedProtection,
  type Decision,
  type Policy,
} from '@phiguard/core';
import { AuditOutbox, type SettingsStore } from '../audit/outbox.js';
import { readDraft, type ComposeItem } from '../office/draft.js';
import { lookupRecipients, withScannedAttachments, type AuditEvent, type ServiceClient } from '../service/client.js';
import { TASK_PANE_CONTROL_ID } from '../names.js';
import { overrideCovers, readOverrideMarker } from '../override.js';
import { currentPolicy, POLICY_SETTING } from '../service/policy-cache.js';

/** What the handler passes to `event.completed`. */
export interface Completion {
  readonly allowEvent: boolean;
  readonly errorMessage?: string;
  /** Opens the task pane from the Smart Alerts dialog (the manifest's task pane control id). */
  readonly commandId?: string;
  /** Lets the user send anyway from the dialog (a warning, not a block). */
  readonly sendModeOverride?: 'promptUser';
}

export interface OnSendDeps {
  readonly item: ComposeItem;
  readonly client: ServiceClient;
  readonly settings: SettingsStore;
  /** The override the task pane left with this message (session data), if any. */
  readonly override?: () => Promise<string | undefined>;
  /** Protection already applied to this message under the policy (e.g. the gateway header), if the host knows it. */
  readonly appliedProtection?: (policy: Policy) => Promise<AppliedProtection>;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** The whole check stays well under Outlook's 5 s "taking longer" dialog. */
  readonly budgetMs?: number;
  /**
   * Reading PDFs, Office files and images takes the service longer (OCR: seconds a page), so a draft
   * with such attachments may pass the 5 s mark; past this they count as uninspectable.
   */
  readonly attachmentBudgetMs?: number;
}

/** Shown when the check itself failed and the policy fails closed. */
export const CHECK_FAILED_MESSAGE =
  'PHI Guard could not check this message for protected health information. Try sending again, or open PHI Guard to check it.';
const DEFAULT_BUDGET_MS = 3000;
const DEFAULT_ATTACHMENT_BUDGET_MS = 15_000;

/**
 * The on-send check: read the draft, scan it, learn about the recipients, and ask decide. Allow,
 * warn (the user may send anyway) or stop the send with a short reason and a button to the task
 * pane. An unreachable service leaves recipients `unavailable`, so the policy's fail mode decides.
 */
export async function checkSend(deps: OnSendDeps): Promise<{ completion: Completion; decision: Decision }> {
  const now = deps.now ?? (() => new Date());
  const budget = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const outbox = new AuditOutbox(deps.settings);
  const policy = await currentPolicy(deps.client, deps.settings, now(), budget / 3);
  const read = await readDraft(deps.item, toOrgProfile(policy));
  const { recipients } = read;
  const [draft, facts, applied] = await Promise.all([
    withScannedAttachments(deps.client, read.draft, read.uploads, deps.attachmentBudgetMs ?? DEFAULT_ATTACHMENT_BUDGET_MS),
    lookupRecipients(deps.client, recipients, budget / 2),
    deps.appliedProtection ? deps.appliedProtection(policy).catch((): AppliedProtection => 'none') : Promise.resolve<AppliedProtection>('none'),
  ]);
  const result = scan(draft);
  const decision = decide(result, facts, applied, policy);
  const marker = deps.override ? readOverrideMarker(await deps.override().catch(() => undefined)) : undefined;
  // The user already gave the justification in the task pane; the override event recorded it.
  const overridden = overrideCovers(marker, decision, recipients.map((r) => r.address));
  const completion: Completion = overridden ? { allowEvent: true } : toCompletion(decision);

  const event: AuditEvent = {
    clientEventId: (deps.newId ?? randomId)(),
    time: now().toISOString(),
    kind: completion.allowEvent ? 'send_allowed' : completion.sendModeOverride ? 'warning_shown' : 'send_blocked',
    client: 'outlook',
    recipients: recipients.map((r) => r.address),
    phiKinds: countKinds(result.findings),
    action: decision.action,
    reasonCodes: decision.reasons.map((r) => r.code),
    ...(applied === 'none' ? {} : { protection: applied }),
  };
  // Queued first, so an outage or a slow service loses nothing; delivered now if the service answers in time.
  await outbox.add(event).catch(() => undefined);
  await outbox.flush(deps.client, budget / 4).catch(() => undefined);
  return { completion, decision };
}

/** Allow when decide allows; a warning the user may override in the dialog; anything stricter stops the send. */
export function toCompletion(decision: Decision): Completion {
  if (decision.action === 'allow') return { allowEvent: true };
  const errorMessage = onSendMessage(decision);
  if (decision.action === 'warn') return { allowEvent: false, errorMessage, commandId: TASK_PANE_CONTROL_ID, sendModeOverride: 'promptUser' };
  return { allowEvent: false, errorMessage, commandId: TASK_PANE_CONTROL_ID };
}

/** When the check itself failed: the kept policy's fail mode decides (closed when none is kept). */
export function whenCheckFailed(settings: SettingsStore): Completion {
  const kept = PolicySchema.safeParse((settings.get(POLICY_SETTING) as { policy?: unknown } | undefined)?.policy);
  return kept.success && kept.data.failMode === 'open'
    ? { allowEvent: true }
    : { allowEvent: false, errorMessage: CHECK_FAILED_MESSAGE, commandId: TASK_PANE_CONTROL_ID };
}

/** A fresh event id; the JavaScript-only runtime has no crypto.randomUUID. */
function randomId(): string {
  return `ol-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}-${Math.random().toString(36).slice(2, 12)}`;
}

