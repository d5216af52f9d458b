import {
  FIX_LABELS,
  KindSchema,
  PORTAL_NOTICE_HEADER,
  REASON_MESSAGES,
  SITUATIONS,
  strictest,
  type Action,
  type Kind,
  type Policy,
  type ReasonCode,
  type RuleSituation,
} from '@phiguard/core';
import { z } from 'zod';
import { DETECTORS, EXCLUDED_INFOTYPES, detectorsFor, type Detector, type RegexDetector } from './detectors.js';
import { escapeRe2 } from './re2.js';

/**
 * Gmail DLP actions PHI Guard uses ("Block message", "Warn users"; support.google.com/a/answer/14767988).
 * Gmail DLP cannot encrypt, so `encrypt` blocks and tells the sender to use PHI Guard's secure send.
 */
export type DlpAction = 'block' | 'warn';
export const DLP_ACTIONS: Readonly<Record<Action, DlpAction | undefined>> = {
  allow: undefined,
  warn: 'warn',
  encrypt: 'block',
  block: 'block',
};

/** Parts of a message a Gmail DLP condition can scan that the rules use: all content (attachments too), body, subject. */
export type ScanPart = 'all_content' | 'body' | 'subject';

/** A rule condition: `contains` holds when any of the detectors matches in that part of the message. */
export type Condition =
  | { readonly op: 'all'; readonly of: readonly Condition[] }
  | { readonly op: 'not'; readonly of: Condition }
  | { readonly op: 'contains'; readonly part: ScanPart; readonly anyOf: readonly string[] };

export interface GmailDlpRule {
  readonly id: string;
  /** Rule name in the Admin console. */
  readonly name: string;
  /** At most 500 characters (support.google.com/a/answer/9992891). */
  readonly description: string;
  /** The policy rules this Gmail rule carries out. */
  readonly situations: readonly RuleSituation[];
  /** The strictest of their actions. */
  readonly policyAction: Action;
  readonly action: DlpAction;
  /** What the sender reads when the rule fires; never names a patient. */
  readonly userMessage: string;
  readonly trigger: 'message_sent';
  /** `outside`: meant for recipients outside the organisation's domains; Gmail DLP applies it to internal mail too. */
  readonly recipients: 'all' | 'outside';
  readonly condition: Condition;
}

export interface PortalException {
  /** Every pickup notice holds this link, followed by the message's token. */
  readonly link: string;
  /** Regex detector matching the link in the body. */
  readonly detector: string;
  /** The header the Gmail add-on sets on the notices it sends, for a stricter exception. */
  readonly header: { readonly name: string; readonly value: string; readonly detector: string };
}

export interface NotEnforced {
  readonly situation: RuleSituation;
  readonly action: Action;
  readonly why: string;
}

export type GmailDlpWarningCode =
  | 'no_service_url'
  | 'no_organisation_domains'
  | 'partners_as_external'
  | 'attachments_as_content';

export interface GmailDlpWarning {
  readonly code: GmailDlpWarningCode;
  readonly message: string;
}

/**
 * One expression of a legacy content compliance setting (support.google.com/a/answer/1346934);
 * `regex` names one of the content compliance regexes.
 */
export type ComplianceExpression =
  | { readonly type: 'advanced'; readonly location: 'subject' | 'body'; readonly match: 'matches_regex' | 'not_matches_regex'; readonly regex: string }
  | { readonly type: 'predefined'; readonly detector: string };

/**
 * A content compliance setting: the fallback for editions without DLP for Gmail. Its expressions
 * all have to match (one level, no nesting), so a rule becomes one setting for PHI Guard's regexes
 * together and one per predefined detector.
 */
export interface ComplianceSetting {
  readonly rule: string;
  readonly name: string;
  /** Outbound reaches only mail leaving the organisation's domains; internal sending, mail between them. */
  readonly affects: readonly ('outbound' | 'internal_sending')[];
  readonly expressions: readonly ComplianceExpression[];
  readonly rejectionNotice: string;
}

/** Content compliance cannot warn, so warn rules have no settings here. */
export interface ContentCompliance {
  readonly regexes: ReadonlyArray<{ readonly id: string; readonly regex: string }>;
  readonly settings: readonly ComplianceSetting[];
}

export interface KindCoverage {
  readonly kind: Kind;
  readonly detectors: readonly string[];
}

/** Everything the admin needs, as plain data: a pure function of the policy and the service URL. */
export interface GmailDlpPlan {
  readonly version: 1;
  readonly organisation: { readonly name: string; readonly domains: readonly string[]; readonly partnerDomains: readonly string[] };
  readonly serviceUrl: string | null;
  readonly rules: readonly GmailDlpRule[];
  readonly detectors: readonly Detector[];
  readonly portalException: PortalException | null;
  readonly contentCompliance: ContentCompliance;
  readonly coverage: readonly KindCoverage[];
  readonly excludedInfoTypes: typeof EXCLUDED_INFOTYPES;
  readonly notEnforced: readonly NotEnforced[];
  readonly warnings: readonly GmailDlpWarning[];
}

export interface GmailDlpOptions {
  /** Where recipients open portal links (PHIGUARD_PUBLIC_URL); without it there is no notice exception. */
  readonly serviceUrl?: string;
}

/** An http(s) base URL without query or fragment; trailing slashes dropped, as the portal link builder does. */
export const ServiceUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Expected an http(s) URL' })
  .refine((url) => !/[?#]/.test(url), { error: 'Expected a URL without a query or fragment' })
  .transform((url) => url.replace(/\/+$/, ''));

// The link the portal hands out: routes/messages.ts builds `${publicUrl}/portal/m/${token}`, the
// token being 32 random bytes in base64url (portal/messages.ts), so 43 characters.
const PORTAL_LINK_PATH = '/portal/m/';
const PORTAL_TOKEN = '[A-Za-z0-9_-]{43}';

/** Situations the content rule carries out, before partner domains are known. */
const CONTENT_SITUATIONS: readonly RuleSituation[] = ['phi_external', 'phi_partner', 'phi_in_attachment', 'identifiers_only'];
/** Situations about who the recipient is: they need PHI Guard's recipient lookups, which Gmail DLP has not. */
const RECIPIENT_SITUATIONS: ReadonlySet<RuleSituation> = new Set(['lookalike_domain', 'first_time_recipient', 'consent_missing']);

const SEND_SECURELY = `Gmail cannot encrypt it: open PHI Guard beside the message and choose "${FIX_LABELS.apply_protection}".`;

/** The Gmail DLP rules and detectors that carry out `policy`, sorted, with what they cannot do. */
export function planGmailDlp(policy: Policy, options: GmailDlpOptions = {}): GmailDlpPlan {
  const serviceUrl = options.serviceUrl === undefined ? null : options.serviceUrl.replace(/\/+$/, '');
  const portal = serviceUrl === null ? null : portalException(serviceUrl);
  const specs = ruleSpecs(policy).sort((a, b) => compareText(a.id, b.id));
  const enforced = new Set(specs.flatMap((spec) => spec.situations));
  return {
    version: 1,
    organisation: {
      name: policy.organisation.name,
      domains: sorted(policy.organisation.domains),
      partnerDomains: sorted(policy.organisation.partnerDomains),
    },
    serviceUrl,
    rules: specs.map((spec) => toRule(spec, portal?.link)),
    detectors: [...DETECTORS, ...(portal === null ? [] : [portal.link, portal.header])].sort((a, b) => compareText(a.id, b.id)),
    portalException: portal === null ? null : portal.exception,
    contentCompliance: contentCompliance(specs, portal?.link),
    coverage: coverage(),
    excludedInfoTypes: EXCLUDED_INFOTYPES,
    notEnforced: notEnforced(policy, enforced),
    warnings: warnings(policy, serviceUrl),
  };
}

/** A rule before it is written for Gmail DLP or content compliance. */
interface RuleSpec {
  readonly id: string;
  readonly name: string;
  readonly situations: readonly RuleSituation[];
  readonly policyAction: Action;
  readonly action: DlpAction;
  readonly userMessage: string;
  readonly recipients: 'all' | 'outside';
  /** Where to look for the identifiers, and which. */
  readonly part: 'subject' | 'all_content';
  readonly identifiers: readonly Detector[];
  /** PHI: an identifier only counts beside a health term. */
  readonly withHealth: boolean;
}

function ruleSpecs(policy: Policy): RuleSpec[] {
  const r = policy.rules;
  const specs: RuleSpec[] = [];
  const spec = (
    candidates: readonly RuleSituation[],
    make: (action: Action, situations: RuleSituation[]) => Omit<RuleSpec, 'situations' | 'policyAction' | 'action'>,
  ) => {
    // A situation the policy allows adds nothing to a rule.
    const situations = candidates.filter((s) => r[s] !== 'allow');
    if (situations.length === 0) return;
    const policyAction = strictest(situations.map((s) => r[s]));
    specs.push({ ...make(policyAction, situations), situations, policyAction, action: DLP_ACTIONS[policyAction]! });
  };

  spec(['phi_in_subject'], (action) => ({
    id: 'phi-guard-subject',
    name: 'PHI Guard: patient identifier in the subject',
    userMessage: messageFor('phi_in_subject', action),
    recipients: 'all',
    part: 'subject',
    identifiers: detectorsFor('identifier', 'with_health'),
    withHealth: true,
  }));
  spec(contentSituations(policy), (action, situations) => ({
    id: 'phi-guard-phi',
    name: 'PHI Guard: patient information to outside recipients',
    userMessage: messageFor(situations.find((s) => r[s] === action)!, action),
    recipients: 'outside',
    part: 'all_content',
    identifiers: detectorsFor('identifier', 'with_health'),
    withHealth: true,
  }));
  spec(['identifiers_only'], (action) => ({
    id: 'phi-guard-identifiers',
    name: 'PHI Guard: patient identifiers to outside recipients',
    userMessage: messageFor('identifiers_only', action),
    recipients: 'outside',
    part: 'all_content',
    identifiers: detectorsFor('identifier'),
    withHealth: false,
  }));
  return specs;
}

/** The Gmail DLP rule: the identifiers (and a health term) anywhere, unless the body holds a portal link. */
function toRule(spec: RuleSpec, portalLink: RegexDetector | undefined): GmailDlpRule {
  const conditions: Condition[] = [contains(spec.part, spec.identifiers)];
  if (spec.withHealth) conditions.push(contains('all_content', detectorsFor('health')));
  if (portalLink) conditions.push({ op: 'not', of: contains('body', [portalLink]) });
  return {
    id: spec.id,
    name: spec.name,
    description: `Generated by phi-guard gmail-dlp from the PHI Guard policy rules ${spec.situations.join(', ')} (${spec.policyAction}). Regenerate it when the policy changes.`,
    situations: spec.situations,
    policyAction: spec.policyAction,
    action: spec.action,
    userMessage: spec.userMessage,
    trigger: 'message_sent',
    recipients: spec.recipients,
    condition: conditions.length === 1 ? conditions[0]! : { op: 'all', of: conditions },
  };
}

/**
 * The block rules as content compliance settings: per rule, one for PHI Guard's regexes together
 * and one per predefined detector, each also needing a health term and no portal link. A predefined
 * content match looks at the whole message, so a subject rule keeps only its regex setting.
 */
function contentCompliance(specs: readonly RuleSpec[], portalLink: RegexDetector | undefined): ContentCompliance {
  const regexes = new Map<string, string>();
  const named = (id: string, regex: string) => (regexes.set(id, regex), id);
  const settings = specs.filter((spec) => spec.action === 'block').flatMap((spec): ComplianceSetting[] => {
    const rest: ComplianceExpression[] = [];
    if (spec.withHealth) rest.push({ type: 'advanced', location: 'body', match: 'matches_regex', regex: named('PHI_GUARD_HEALTH_TERMS_REGEX', healthTermsRegex()) });
    if (portalLink) rest.push({ type: 'advanced', location: 'body', match: 'not_matches_regex', regex: named(portalLink.id, portalLink.regex) });
    const base = {
      rule: spec.id,
      affects: spec.recipients === 'all' ? (['outbound', 'internal_sending'] as const) : (['outbound'] as const),
      rejectionNotice: spec.userMessage,
    };
    const custom = spec.identifiers.flatMap((d) => (d.type === 'regex' ? [d.regex] : []));
    const combined = named(spec.withHealth ? 'PHI_GUARD_PHI_IDENTIFIERS' : 'PHI_GUARD_IDENTIFIERS', anyOf(custom));
    const location = spec.part === 'subject' ? 'subject' : 'body';
    return [
      { ...base, name: `${spec.name} (PHI Guard regexes)`, expressions: [{ type: 'advanced', location, match: 'matches_regex', regex: combined }, ...rest] },
      ...spec.identifiers
        .filter((d) => d.type === 'predefined' && spec.part !== 'subject')
        .map((d): ComplianceSetting => ({ ...base, name: `${spec.name} (${d.id})`, expressions: [{ type: 'predefined', detector: d.id }, ...rest] })),
    ];
  });
  return { regexes: [...regexes].map(([id, regex]) => ({ id, regex })).sort((a, b) => compareText(a.id, b.id)), settings };
}

/**
 * What PHI to an outside recipient asks for: as decide's content rules, PHI is floored at the
 * identifiers rule, and an attachment adds its own; partners count only when the policy names some.
 */
function contentSituations(policy: Policy): RuleSituation[] {
  return CONTENT_SITUATIONS.filter((s) => s !== 'phi_partner' || policy.organisation.partnerDomains.length > 0);
}

/** The sender's message: the core's text for the reason `decide` would give, plus how to encrypt. */
function messageFor(situation: RuleSituation, action: Action): string {
  const text = REASON_MESSAGES[reasonFor(situation, action)];
  return action === 'encrypt' ? `${text} ${SEND_SECURELY}` : text;
}

// As decide's contentCode: a blocked PHI rule reads as a recipient block, others as unprotected PHI.
function reasonFor(situation: RuleSituation, action: Action): ReasonCode {
  if (situation === 'phi_in_attachment' || situation === 'identifiers_only' || situation === 'phi_in_subject') return situation;
  return action === 'block' ? 'phi_recipient_blocked' : 'phi_unprotected';
}

function contains(part: ScanPart, detectors: readonly Detector[]): Condition {
  return { op: 'contains', part, anyOf: detectors.map((d) => d.id) };
}

/** The health word list as one case-insensitive regex, for content compliance. */
export function healthTermsRegex(): string {
  const words = DETECTORS.flatMap((d) => (d.type === 'word_list' ? d.words : []));
  return String.raw`(?i)\b(?:${words.map((w) => escapeRe2(w).replace(/ /g, String.raw`\s+`)).join('|')})\b`;
}

/** Several case-insensitive patterns as one. */
function anyOf(patterns: readonly string[]): string {
  const flag = '(?i)';
  if (!patterns.every((p) => p.startsWith(flag))) throw new Error('anyOf: every pattern must be case-insensitive');
  return `${flag}${patterns.map((p) => `(?:${p.slice(flag.length)})`).join('|')}`;
}

function portalException(serviceUrl: string): { link: RegexDetector; header: RegexDetector; exception: PortalException } {
  const detector = (id: string, name: string, regex: string): RegexDetector => ({ type: 'regex', id, name, regex, kinds: [], use: 'exception' });
  const link = detector('PHI_GUARD_PORTAL_LINK', 'PHI Guard: portal notice link', `${escapeRe2(serviceUrl + PORTAL_LINK_PATH)}${PORTAL_TOKEN}`);
  const header = detector(
    'PHI_GUARD_PORTAL_HEADER',
    'PHI Guard: portal notice header',
    String.raw`(?i)\b${escapeRe2(PORTAL_NOTICE_HEADER.name)}:\s*${PORTAL_NOTICE_HEADER.value}\b`,
  );
  return {
    link,
    header,
    exception: { link: `${serviceUrl}${PORTAL_LINK_PATH}`, detector: link.id, header: { ...PORTAL_NOTICE_HEADER, detector: header.id } },
  };
}

function coverage(): KindCoverage[] {
  return [...KindSchema.options]
    .sort(compareText)
    .map((kind) => ({ kind, detectors: DETECTORS.filter((d) => d.kinds.includes(kind)).map((d) => d.id) }));
}

function notEnforced(policy: Policy, enforced: ReadonlySet<RuleSituation>): NotEnforced[] {
  return SITUATIONS.filter((s): s is RuleSituation => s in policy.rules && !enforced.has(s as RuleSituation)).map((situation) => ({
    situation,
    action: policy.rules[situation],
    why: whyNotEnforced(situation, policy),
  }));
}

function whyNotEnforced(situation: RuleSituation, policy: Policy): string {
  if (RECIPIENT_SITUATIONS.has(situation)) {
    return "It is about who the recipient is, which needs PHI Guard's recipient checks; Gmail DLP only reads the message.";
  }
  if (situation === 'phi_internal') {
    return policy.organisation.domains.length === 0
      ? 'The policy lists no organisation domains, so no recipient is internal.'
      : 'Gmail DLP rules apply to internal mail as well, with the outside action; use content compliance (Outbound) to leave internal mail alone.';
  }
  if (situation === 'phi_partner' && policy.organisation.partnerDomains.length === 0) return 'The policy lists no partner domains.';
  return 'The policy allows it, so no rule is needed.';
}

function warnings(policy: Policy, serviceUrl: string | null): GmailDlpWarning[] {
  const r = policy.rules;
  const out: GmailDlpWarning[] = [];
  if (serviceUrl === null) {
    out.push({
      code: 'no_service_url',
      message:
        "No service URL (--service-url or PHIGUARD_PUBLIC_URL): the rules have no exception for PHI Guard's portal notices, which may then be blocked too.",
    });
  }
  if (policy.organisation.domains.length === 0) {
    out.push({
      code: 'no_organisation_domains',
      message: 'The policy lists no organisation domains (organisation.domains), so PHI Guard treats every recipient as outside.',
    });
  }
  if (policy.organisation.partnerDomains.length > 0 && DLP_ACTIONS[r.phi_partner] !== DLP_ACTIONS[r.phi_external]) {
    out.push({
      code: 'partners_as_external',
      message: `Gmail DLP cannot tell partner recipients from other outside ones, so the rule uses the stricter of phi_partner (${r.phi_partner}) and phi_external (${r.phi_external}).`,
    });
  }
  const withoutAttachments = strictest(contentSituations(policy).filter((s) => s !== 'phi_in_attachment').map((s) => r[s]));
  if (isStricterDlp(r.phi_in_attachment, withoutAttachments)) {
    out.push({
      code: 'attachments_as_content',
      message: `Gmail DLP cannot scan attachments apart from the body, so phi_in_attachment (${r.phi_in_attachment}) applies to patient information anywhere in the message.`,
    });
  }
  return out;
}

function isStricterDlp(a: Action, b: Action): boolean {
  const rank = (x: Action) => ['allow', 'warn', 'block'].indexOf(DLP_ACTIONS[x] ?? 'allow');
  return rank(a) > rank(b);
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort(compareText);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
