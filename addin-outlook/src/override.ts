import type { Decision } from '@phiguard/core';

/** Where the task pane leaves an override for the on-send check: the item's session data (Mailbox 1.11). */
export const OVERRIDE_KEY = 'phiguardOverride';

/** What the user overrode, after writing the justification the policy asks for. */
export interface OverrideMarker {
  /** Reason codes the decision gave then. */
  readonly reasons: readonly string[];
  /** Recipients it was for. */
  readonly recipients: readonly string[];
}

export function overrideMarker(decision: Decision, recipients: readonly string[]): OverrideMarker {
  return { reasons: [...new Set(decision.reasons.map((r) => r.code))].sort(), recipients: [...new Set(recipients.map((r) => r.toLowerCase()))].sort() };
}

export function readOverrideMarker(text: string | undefined): OverrideMarker | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<OverrideMarker>;
    return Array.isArray(value.reasons) && Array.isArray(value.recipients) ? { reasons: value.reasons.map(String), recipients: value.recipients.map(String) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An override stands for a send only when the decision still allows one and asks nothing the user
 * did not override: no new reason, no new recipient. Adding a recipient or PHI after overriding
 * means deciding again.
 */
export function overrideCovers(marker: OverrideMarker | undefined, decision: Decision, recipients: readonly string[]): boolean {
  if (!marker || !decision.overridable) return false;
  const reasons = new Set(marker.reasons);
  const allowed = new Set(marker.recipients);
  return decision.reasons.every((r) => reasons.has(r.code)) && recipients.every((r) => allowed.has(r.toLowerCase()));
}
