import type { Field, Finding, ScanResult } from '../detect/finding.js';
import { isStricter, strictest, type Action } from '../policy/action.js';
import { classifyAddress, type Classification } from '../policy/classify.js';
import type { AppliedProtection, ApplicableMethod, ProtectionMethod } from '../policy/protection.js';
import type { Policy, Situation } from '../policy/schema.js';
import { canReceive, canRecommend } from './capabilities.js';
import type { Decision, RecipientDecision } from './decision.js';
import { buildFixes } from './fixes.js';
import { compareFindings, compareText, toRefs, uniqueSorted } from './order.js';
import { RecipientSchema, type Recipient, type RecipientInput } from './recipient.js';
import type { Reason, ReasonCode } from './reasons.js';

/** One rule firing: for a recipient (or the whole message when `address` is absent). */
interface Hit {
  readonly code: ReasonCode;
  readonly action: Action;
  readonly situations: readonly Situation[];
  readonly address?: string;
}

/** A recipient as decide sees it, after defaults and classification. */
interface Party {
  readonly r: Recipient;
  readonly classification: Classification;
  readonly invalid: boolean;
  readonly protectedBy: ProtectionMethod | null;
  /** A warned patient asked for unencrypted email and the policy honours it. */
  readonly unencryptedByRequest: boolean;
  /** Content rules before protection: what the message asks for on its way to this recipient. */
  readonly content: readonly Hit[];
}

type ContentGroup = 'phi' | 'attachment' | 'identifiers' | 'uninspectable';

/** What decide knows of the content. */
interface Facts {
  readonly phi: boolean;
  readonly identifiers: boolean;
  readonly attachment: boolean;
  /** Some attachment could not be inspected: PHI unknown. */
  readonly uninspectable: boolean;
}

/**
 * The one decision every host uses: the strictest action the policy asks for this draft and these
 * recipients, why, per recipient, and what would fix it. Pure, synchronous, never throws; the result
 * does not depend on the order of recipients or findings and carries no draft text.
 */
export function decide(
  scan: ScanResult,
  recipients: readonly RecipientInput[],
  appliedProtection: AppliedProtection,
  policy: Policy,
): Decision {
  const findings = [...scan.findings].sort(compareFindings);
  const facts: Facts = {
    phi: scan.phi,
    identifiers: findings.some((f) => f.category === 'identifier'),
    attachment: scan.phi && findings.some((f) => f.field === 'attachment'),
    uninspectable: (scan.uninspectable ?? []).length > 0,
  };
  const parties = recipients
    .map((input) => toParty(input, facts, appliedProtection, policy))
    .sort((a, b) => compareText(a.r.address, b.r.address) || compareText(a.r.type, b.r.type));

  const hits: Hit[] = [];
  if (scan.subjectPhi) {
    hits.push({ code: 'phi_in_subject', action: policy.rules.phi_in_subject, situations: ['phi_in_subject'] });
  }
  for (const p of parties) {
    hits.push(...unresolved(p));
    hits.push(...verificationHits(p, facts.phi, policy));
  }
  const protection = planProtection(parties, policy);
  hits.push(...protection.hits);
  const live = hits.filter((h) => h.action !== 'allow');

  const reasons = toReasons(live, findings, policy);
  const action = strictest(reasons.map((r) => r.action));
  const overridable = action !== 'allow' && reasons.every((r) => r.overridable);
  return {
    action,
    reasons,
    perRecipient: parties.map((p) => toRecipientDecision(p, live, protection.method, appliedProtection, policy)).sort(
      (a, b) => compareText(a.address, b.address) || compareText(a.type, b.type) || compareText(JSON.stringify(a), JSON.stringify(b)),
    ),
    fixes: buildFixes({ action, findings, phi: scan.phi, hits: live, protection, policy }),
    overridable,
    justificationRequired: overridable && isStricter(action, 'warn') && policy.overrides.justification,
  };
}

function toParty(
  input: RecipientInput,
  facts: Facts,
  applied: AppliedProtection,
  policy: Policy,
): Party {
  const parsed = RecipientSchema.safeParse(input);
  // A recipient we cannot read is one we know nothing about: failMode decides, as for an outage.
  const r: Recipient = parsed.success
    ? parsed.data
    : { address: String(input?.address ?? '').trim().toLowerCase(), type: typeOf(input), tls: 'unknown', warnings: [], lookup: 'unavailable' };
  const classification = parsed.success ? (r.classification ?? classifyAddress(r.address, policy)) : 'external';
  return {
    r,
    classification,
    invalid: !parsed.success,
    protectedBy: protectedBy(r, applied, policy),
    unencryptedByRequest:
      parsed.success && policy.protection.patientRequestLiftsEncryption && r.consent === true && r.allowUnencrypted === true,
    content: contentHits(r.address, classification, facts, policy),
  };
}

function typeOf(input: RecipientInput): Recipient['type'] {
  return input?.type === 'cc' || input?.type === 'bcc' ? input.type : 'to';
}

function protectedBy(r: Recipient, applied: AppliedProtection, policy: Policy): ProtectionMethod | null {
  const accepted = policy.protection.accepted;
  if (applied !== 'none' && accepted.includes(applied) && canReceive(r, applied)) return applied;
  return accepted.includes('tls') && canRecommend(r, 'tls', policy) ? 'tls' : null;
}

/**
 * Content rules for one recipient. PHI rules are floored at the identifiers rule (outside the
 * organisation), so adding health information to a draft never relaxes its decision. An attachment
 * that cannot be inspected may hold PHI: what a PHI attachment would ask for, under the fail mode.
 */
function contentHits(
  address: string,
  c: Classification,
  facts: Facts,
  policy: Policy,
): Hit[] {
  const rules = policy.rules;
  const outside = c !== 'internal';
  const groups: [ContentGroup, Situation, Action][] = [];
  if (facts.phi) {
    const situation = `phi_${c}` as const;
    groups.push(['phi', situation, rules[situation]]);
    if (outside && facts.identifiers) groups.push(['phi', 'identifiers_only', rules.identifiers_only]);
    if (outside && facts.attachment) groups.push(['attachment', 'phi_in_attachment', rules.phi_in_attachment]);
  } else if (outside && facts.identifiers) {
    groups.push(['identifiers', 'identifiers_only', rules.identifiers_only]);
  }
  if (facts.uninspectable) {
    groups.push(['uninspectable', `phi_${c}`, rules[`phi_${c}`]]);
    if (outside) groups.push(['uninspectable', 'phi_in_attachment', rules.phi_in_attachment]);
  }
  const out: Hit[] = [];
  for (const group of ['phi', 'attachment', 'identifiers', 'uninspectable'] as const) {
    const members = groups.filter(([g]) => g === group);
    if (members.length === 0) continue;
    const strict = strictest(members.map(([, , a]) => a));
    const situations = members.filter(([, , a]) => a === strict).map(([, s]) => s);
    // Closed treats the unknown content as PHI; open only warns, and only where PHI would matter.
    const action = group === 'uninspectable' && policy.failMode === 'open' && strict !== 'allow' ? 'warn' : strict;
    out.push({ code: contentCode(group, action), action, situations, address });
  }
  return out;
}

/**
 * Content rules protection has not satisfied: a block always stands, warn and encrypt only when
 * unprotected and not lifted by the patient's own request.
 */
function unresolved(p: Party): readonly Hit[] {
  return p.protectedBy || p.unencryptedByRequest ? p.content.filter((h) => h.action === 'block') : p.content;
}

function contentCode(group: ContentGroup, action: Action): ReasonCode {
  if (group === 'attachment') return 'phi_in_attachment';
  if (group === 'uninspectable') return 'attachment_uninspectable';
  if (group === 'identifiers') return 'identifiers_only';
  return action === 'block' ? 'phi_recipient_blocked' : 'phi_unprotected';
}

/** Is this the right recipient? Checks that no encryption can satisfy. */
function verificationHits(p: Party, phi: boolean, policy: Policy): Hit[] {
  const { r, classification } = p;
  const address = r.address;
  const sensitive = p.content.some((h) => h.action !== 'allow');
  const out: Hit[] = [];
  if (r.lookalikeOf && classification !== 'internal') {
    out.push({ code: 'lookalike_domain', action: policy.rules.lookalike_domain, situations: ['lookalike_domain'], address });
  }
  if (r.firstTime && classification === 'external' && sensitive) {
    out.push({ code: 'first_time_recipient', action: policy.rules.first_time_recipient, situations: ['first_time_recipient'], address });
  }
  if (phi && (r.consent === false || r.consent === 'revoked')) {
    out.push({ code: 'consent_missing', action: policy.rules.consent_missing, situations: ['consent_missing'], address });
  }
  if (r.lookup === 'unavailable' && classification !== 'internal' && sensitive) {
    const action = policy.failMode === 'closed' ? 'block' : 'warn';
    out.push({ code: 'service_unavailable', action, situations: ['service_unavailable'], address });
  }
  return out;
}

interface ProtectionPlan {
  /** The one method to apply to the message, if any covers the recipients that need it. */
  readonly method: ApplicableMethod | undefined;
  readonly recipients: readonly string[];
  readonly hits: readonly Hit[];
}

/**
 * One message carries one protection, so the method must suit every recipient needing it and must
 * not be one another recipient is known to be unable to read.
 */
function planProtection(parties: readonly Party[], policy: Policy): ProtectionPlan {
  const asking = (p: Party, a: Action) => unresolved(p).filter((h) => h.action === a);
  const out: Hit[] = [];
  const needEncrypt: Party[] = [];
  const wantWarn: Party[] = [];
  for (const p of parties) {
    const encrypt = asking(p, 'encrypt');
    if (encrypt.length > 0) {
      const situations = encrypt.flatMap((h) => h.situations);
      if (policy.protection.accepted.some((m) => canRecommend(p.r, m, policy))) needEncrypt.push(p);
      else out.push({ code: 'no_protection_method', action: 'block', situations, address: p.r.address });
    } else if (asking(p, 'warn').length > 0) wantWarn.push(p);
  }
  const common = (targets: readonly Party[]): ApplicableMethod | undefined =>
    targets.length === 0
      ? undefined
      : policy.protection.accepted.find(
          (m): m is ApplicableMethod =>
            m !== 'tls' && targets.every((p) => canRecommend(p.r, m, policy)) && parties.every((p) => canReceive(p.r, m)),
        );
  const method = common([...needEncrypt, ...wantWarn]) ?? common(needEncrypt);
  if (needEncrypt.length > 0 && !method) {
    for (const p of needEncrypt) {
      const situations = asking(p, 'encrypt').flatMap((h) => h.situations);
      out.push({ code: 'no_common_protection', action: 'block', situations, address: p.r.address });
    }
  }
  const covered = method ? [...needEncrypt, ...wantWarn].filter((p) => canRecommend(p.r, method, policy)) : [];
  return { method, recipients: uniqueSorted(covered.map((p) => p.r.address)), hits: out };
}

const FIELD_ORDER: readonly Field[] = ['subject', 'body', 'attachment'];

function toReasons(hits: readonly Hit[], findings: readonly Finding[], policy: Policy): Reason[] {
  const codes = uniqueSorted(hits.map((h) => h.code));
  return codes
    .map((code): Reason => {
      const mine = hits.filter((h) => h.code === code);
      const concerned = findingsFor(code, findings);
      const allowed = new Set<Situation>(policy.overrides.allowed);
      return {
        code,
        action: strictest(mine.map((h) => h.action)),
        overridable: mine.every((h) => !isStricter(h.action, 'warn') || h.situations.every((s) => allowed.has(s))),
        recipients: uniqueSorted(mine.flatMap((h) => (h.address === undefined ? [] : [h.address]))),
        // An uninspectable attachment has no findings to point at; the scan names which one.
        fields: code === 'attachment_uninspectable' ? ['attachment'] : FIELD_ORDER.filter((f) => concerned.some((x) => x.field === f)),
        findings: toRefs(concerned),
      };
    })
    .sort((a, b) => (isStricter(a.action, b.action) ? -1 : isStricter(b.action, a.action) ? 1 : compareText(a.code, b.code)));
}

function findingsFor(code: ReasonCode, findings: readonly Finding[]): readonly Finding[] {
  switch (code) {
    case 'phi_in_subject':
      return findings.filter((f) => f.field === 'subject');
    case 'phi_unprotected':
    case 'phi_recipient_blocked':
      return findings;
    case 'phi_in_attachment':
      return findings.filter((f) => f.field === 'attachment');
    case 'identifiers_only':
      return findings.filter((f) => f.category === 'identifier');
    default:
      return [];
  }
}

function toRecipientDecision(
  p: Party,
  hits: readonly Hit[],
  planned: ApplicableMethod | undefined,
  applied: AppliedProtection,
  policy: Policy,
): RecipientDecision {
  const { r } = p;
  const needsProtection = !p.unencryptedByRequest && p.content.some((h) => h.action === 'warn' || h.action === 'encrypt');
  const preferred =
    planned && canRecommend(r, planned, policy) ? planned : policy.protection.accepted.find((m) => canRecommend(r, m, policy));
  const warnings = [...r.warnings];
  if (p.invalid) warnings.push('invalid_recipient');
  if (r.lookup === 'unavailable') warnings.push('lookup_unavailable');
  if (r.lookalikeOf) warnings.push('lookalike_domain');
  if (r.firstTime && p.classification !== 'internal') warnings.push('first_time_recipient');
  if (r.consent === false) warnings.push('consent_missing');
  if (r.consent === 'revoked') warnings.push('consent_revoked');
  if (p.unencryptedByRequest) warnings.push('unencrypted_at_patient_request');
  if (applied !== 'none' && !canReceive(r, applied)) warnings.push('applied_protection_unusable');
  return {
    address: r.address,
    type: r.type,
    classification: p.classification,
    action: strictest(hits.filter((h) => h.address === r.address).map((h) => h.action)),
    needsProtection,
    protectedBy: p.protectedBy,
    method: p.protectedBy ?? (needsProtection ? (preferred ?? null) : null),
    lookup: r.lookup,
    warnings: uniqueSorted(warnings),
  };
}
