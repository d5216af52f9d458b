import type { Decision } from '../decide/decision.js';
import { ATTACHMENT_PROBLEM_TEXT, FIX_LABELS, REASON_MESSAGES } from '../decide/messages.js';
import type { ReasonCode } from '../decide/reasons.js';
import type { RecipientInput } from '../decide/recipient.js';
import type { Finding, ScanResult } from '../detect/finding.js';
import type { Kind } from '../detect/kinds.js';
import type { Attachment, Draft } from '../draft.js';
import type { ResolvedFix } from '../fix/apply.js';
import type { Action } from '../policy/action.js';
import type { Classification } from '../policy/classify.js';
import { mayOverride } from '../policy/overrides.js';
import type { ProtectionMethod } from '../policy/protection.js';
import type { Policy } from '../policy/schema.js';

/** One check of a draft, as every host has it: what was read, found and decided. */
export interface CheckedDraft {
  readonly draft: Draft;
  /** The recipient facts decide used (the lookup's answer, or bare addresses offline). */
  readonly recipients: readonly RecipientInput[];
  readonly scan: ScanResult;
  readonly decision: Decision;
  /** The fixes still worth offering (resolveFixes). */
  readonly fixes: readonly ResolvedFix[];
}

/**
 * Everything a host shows for one check, as plain data, in the same words everywhere: the Outlook
 * task pane renders it as DOM, the Gmail add-on as cards.
 */
export interface DecisionView {
  readonly action: Action;
  readonly headline: string;
  readonly detail: string;
  /** Subject leakage first, then strictest first. */
  readonly reasons: ReadonlyArray<{ code: ReasonCode; action: Action; text: string; loud: boolean }>;
  readonly findings: ReadonlyArray<{ title: string; items: ReadonlyArray<{ text: string; kind: string; why: string }> }>;
  readonly recipients: readonly RecipientView[];
  readonly fixes: readonly FixView[];
  /** Present when this user may send despite the decision. */
  readonly override?: { readonly justificationRequired: boolean; readonly minLength: number };
}

export interface RecipientView {
  readonly address: string;
  readonly classification: string;
  readonly action: Action;
  readonly status: string;
  readonly notes: readonly string[];
}

export interface FixView {
  /** Stable across checks, so focus can return to the same control. */
  readonly key: string;
  readonly label: string;
  readonly fix: ResolvedFix;
  /** Why the pane cannot apply it; the button is then disabled and this is shown beside it. */
  readonly unavailable?: string;
}

export interface ViewOptions {
  readonly policy: Policy;
  /** The signed-in mailbox, for who may override. */
  readonly user?: string;
  /** Why this host cannot apply a fix now (no service, no such feature), if so. */
  readonly unavailable?: (fix: ResolvedFix) => string | undefined;
}

const HEADLINES: Record<Action, string> = {
  allow: 'Ready to send',
  warn: 'Check before sending',
  encrypt: 'Send this securely',
  block: 'Blocked: fix before sending',
};

const CLASSIFICATIONS: Record<Classification, string> = { internal: 'Internal', partner: 'Partner', external: 'External' };

const RECIPIENT_STATUS: Record<Action, string> = {
  allow: 'OK',
  warn: 'Check this recipient',
  encrypt: 'Needs secure sending',
  block: 'Blocked',
};

const METHODS: Record<ProtectionMethod, string> = {
  portal: 'secure portal',
  pgp: 'OpenPGP',
  smime: 'S/MIME',
  gateway: 'gateway encryption',
  tls: 'enforced TLS',
};

/** Per-recipient warning codes (decide's and the lookup's) in words; unknown codes are shown as they are. */
const WARNINGS: Record<string, string> = {
  lookalike_domain: 'Lookalike domain: check the address',
  first_time_recipient: 'First email to this address',
  consent_missing: 'No consent on file',
  consent_revoked: 'Consent revoked',
  unencrypted_at_patient_request: 'Unencrypted at the patient’s request',
  lookup_unavailable: 'Could not be checked',
  invalid_recipient: 'Not a valid address',
  applied_protection_unusable: 'Cannot read the protection applied',
};

const KINDS: Partial<Record<Kind, string>> = {
  NAME: 'Name',
  DATE: 'Date',
  SSN: 'SSN',
  MRN: 'Medical record number',
  HEALTH_PLAN_ID: 'Health plan id',
  PHONE: 'Phone',
  EMAIL: 'Email address',
  ADDRESS: 'Address',
  CONDITION: 'Condition',
  MEDICATION: 'Medication',
  LAB: 'Lab result',
  PROCEDURE: 'Procedure',
  CODE: 'Diagnosis code',
};

export function kindLabel(kind: Kind): string {
  return KINDS[kind] ?? kind.charAt(0) + kind.slice(1).toLowerCase().replaceAll('_', ' ');
}

export function toView(checked: CheckedDraft, options: ViewOptions): DecisionView {
  const { decision, scan } = checked;
  const findings = scan.findings.length;
  const uninspectable = scan.uninspectable?.length ?? 0;
  const reasons = decision.reasons
    .map((r) => ({ code: r.code, action: r.action, text: REASON_MESSAGES[r.code], loud: r.code === 'phi_in_subject' }))
    .sort((a, b) => Number(b.loud) - Number(a.loud));
  const overridable =
    decision.action !== 'allow' && decision.overridable && (options.user === undefined || mayOverride(options.policy, { address: options.user }));
  return {
    action: decision.action,
    headline: HEADLINES[decision.action],
    detail: [
      plural(findings, 'finding'),
      plural(decision.perRecipient.length, 'recipient'),
      ...(uninspectable > 0 ? [`${plural(uninspectable, 'attachment')} not inspected`] : []),
    ].join(', '),
    reasons,
    findings: groupFindings(checked),
    recipients: decision.perRecipient.map((r) => {
      const facts = checked.recipients.find((f) => f.address.toLowerCase() === r.address);
      return {
        address: r.address,
        classification: CLASSIFICATIONS[r.classification],
        action: r.action,
        status: RECIPIENT_STATUS[r.action],
        notes: [
          ...(r.protectedBy ? [`Protected by ${METHODS[r.protectedBy]}`] : r.method ? [`Can be reached by ${METHODS[r.method]}`] : []),
          ...(r.needsProtection && !r.method ? ['No approved secure method reaches them'] : []),
          ...available(facts),
          ...consent(facts),
          ...r.warnings.map((w) => WARNINGS[w] ?? w.replaceAll('_', ' ')),
        ],
      };
    }),
    fixes: checked.fixes.map((fix) => fixView(fix, options)),
    ...(overridable
      ? { override: { justificationRequired: decision.justificationRequired, minLength: decision.justificationRequired ? options.policy.overrides.justificationMinLength : 0 } }
      : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type FindingItem = DecisionView['findings'][number]['items'][number];

/**
 * Findings by field, subject first, each with the text it matched (read from the draft by its
 * offsets); an attachment that could not be inspected is listed under its own name, saying why.
 */
function groupFindings({ draft, scan }: CheckedDraft): DecisionView['findings'] {
  const attachments = draft.attachments ?? [];
  const order = (f: Finding) => (f.field === 'subject' ? 0 : f.field === 'body' ? 1 : 2 + (f.attachment ?? 0));
  const entries: Array<{ order: number; start: number; title: string; item: FindingItem }> = [];
  for (const f of scan.findings) {
    const attachment = f.field === 'attachment' ? attachments[f.attachment ?? 0] : undefined;
    const title = f.field === 'subject' ? 'Subject' : f.field === 'body' ? 'Message' : attachmentTitle(attachment);
    const source = f.field === 'subject' ? draft.subject : f.field === 'body' ? draft.body : attachment?.text;
    const matched = (source ?? '').slice(f.start, f.end);
    const item = { text: matched === '' ? (attachment?.name ?? '') : matched, kind: kindLabel(f.kind), why: f.why };
    entries.push({ order: order(f), start: f.start, title, item });
  }
  for (const u of scan.uninspectable ?? []) {
    const item = { text: ATTACHMENT_PROBLEM_TEXT[u.reason], kind: 'Not inspected', why: 'PHI Guard could not look inside, so it may hold PHI.' };
    entries.push({ order: 2 + u.attachment, start: -1, title: attachmentTitle(attachments[u.attachment]), item });
  }
  const groups = new Map<string, FindingItem[]>();
  for (const { title, item } of entries.sort((a, b) => a.order - b.order || a.start - b.start)) {
    const items = groups.get(title) ?? [];
    items.push(item);
    groups.set(title, items);
  }
  return [...groups].map(([title, items]) => ({ title, items }));
}

/** "Attachment referral.pdf, page 2": the part's name says which file (and file in a ZIP), its page where. */
function attachmentTitle(attachment: Attachment | undefined): string {
  const name = `Attachment ${attachment?.name ?? ''}`.trim();
  return attachment?.page === undefined ? name : `${name}, page ${attachment.page}`;
}

function available(facts: RecipientInput | undefined): string[] {
  const methods = [facts?.pgp && 'OpenPGP key', facts?.smime && 'S/MIME certificate', facts?.tls === 'enforced' && 'enforced TLS'].filter(
    (m): m is string => typeof m === 'string',
  );
  return methods.length === 0 ? [] : [`Has ${methods.join(', ')}`];
}

function consent(facts: RecipientInput | undefined): string[] {
  if (facts?.consent === true) return [facts.allowUnencrypted ? 'Consent on file (unencrypted email requested)' : 'Consent on file'];
  return [];
}

function fixView(fix: ResolvedFix, options: ViewOptions): FixView {
  const unavailable = options.unavailable?.(fix);
  return { key: fixKey(fix), label: fixLabel(fix, options.policy), fix, ...(unavailable === undefined ? {} : { unavailable }) };
}

function fixKey(fix: ResolvedFix): string {
  switch (fix.type) {
    case 'mask':
      return `mask:${fix.field}:${fix.start}:${fix.end}`;
    case 'remove_recipient':
      return `remove:${fix.address}`;
    case 'apply_protection':
      return `protect:${fix.method}`;
    default:
      return fix.type;
  }
}

function fixLabel(fix: ResolvedFix, policy: Policy): string {
  switch (fix.type) {
    case 'neutral_subject':
      return `${FIX_LABELS.neutral_subject}: “${fix.subject}”`;
    case 'mask':
      return `${FIX_LABELS.mask} ${kindLabel(fix.kind)} as ${fix.replacement}`;
    case 'add_disclaimer':
      return FIX_LABELS.add_disclaimer;
    case 'remove_recipient':
      return `${FIX_LABELS.remove_recipient} ${fix.address}`;
    case 'apply_protection':
      switch (fix.method) {
        case 'portal':
          return 'Send securely through the portal';
        case 'gateway': {
          const { header, label } = policy.protection.gateway ?? {};
          return header ? 'Encrypt through the mail gateway' : `Apply the sensitivity label “${label ?? ''}”`;
        }
        case 'pgp':
          return 'Encrypt with OpenPGP';
        case 'smime':
          return 'Encrypt with S/MIME';
      }
  }
}
