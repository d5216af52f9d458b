import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEFAULT_POLICY, FIX_LABELS, KindSchema, REASON_MESSAGES, parsePolicy, type Policy, type PolicyInput } from '@phiguard/core';
import { pickupNotice } from '../portal/notice.js';
import { PORTAL_PREFIX } from '../routes/portal.js';
import { checkRe2, toJsRegExp } from './re2.js';
import { HEALTH_TERMS } from './detectors.js';
import { ServiceUrlSchema, planGmailDlp, type Condition, type GmailDlpPlan, type GmailDlpRule } from './rules.js';

const SERVICE_URL = 'https://secure.clinic.example.org';

function policyOf(input: PolicyInput): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(`bad test policy: ${JSON.stringify(result.issues)}`);
  return result.policy;
}

const rule = (plan: GmailDlpPlan, id: string): GmailDlpRule | undefined => plan.rules.find((r) => r.id === id);
const summary = (plan: GmailDlpPlan) => plan.rules.map((r) => [r.id, r.policyAction, r.action]);

/** Every `contains` in a condition, as "part:detector". */
function detectorsIn(c: Condition, negated = false): string[] {
  if (c.op === 'contains') return c.anyOf.map((id) => `${negated ? 'not ' : ''}${c.part}:${id}`);
  if (c.op === 'not') return detectorsIn(c.of, !negated);
  return c.of.flatMap((x) => detectorsIn(x, negated));
}

/** A pickup link as routes/messages.ts builds it. */
const portalLink = (base: string) => `${base}${PORTAL_PREFIX}/m/${randomBytes(32).toString('base64url')}`;

describe('planGmailDlp: the default policy', () => {
  const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL });

  it('makes a subject rule, a PHI rule and an identifiers rule, sorted by id', () => {
    expect(summary(plan)).toEqual([
      ['phi-guard-identifiers', 'warn', 'warn'],
      ['phi-guard-phi', 'encrypt', 'block'],
      ['phi-guard-subject', 'block', 'block'],
    ]);
  });

  it('floors PHI at the identifiers rule and adds the attachment rule, as decide does', () => {
    expect(rule(plan, 'phi-guard-phi')?.situations).toEqual(['phi_external', 'phi_in_attachment', 'identifiers_only']);
  });

  it('blocks where the policy asks for encryption, and tells the sender to send securely with PHI Guard', () => {
    const phi = rule(plan, 'phi-guard-phi')!;
    expect(phi.userMessage).toContain(REASON_MESSAGES.phi_unprotected);
    expect(phi.userMessage).toContain(`"${FIX_LABELS.apply_protection}"`);
    expect(rule(plan, 'phi-guard-subject')?.userMessage).toBe(REASON_MESSAGES.phi_in_subject);
  });

  it('looks for identifiers in the subject for the subject rule, anywhere for the others, with a health term for PHI', () => {
    const subject = detectorsIn(rule(plan, 'phi-guard-subject')!.condition);
    expect(subject).toEqual(expect.arrayContaining(['subject:US_SOCIAL_SECURITY_NUMBER', 'subject:PERSON_NAME', 'all_content:PHI_GUARD_HEALTH_TERMS']));
    expect(subject.filter((d) => d.startsWith('all_content:'))).toEqual(['all_content:ICD10_CODE', 'all_content:PHI_GUARD_HEALTH_TERMS']);
    // A name alone is no identifier: every email has greetings and signatures.
    expect(detectorsIn(rule(plan, 'phi-guard-identifiers')!.condition)).not.toContain('all_content:PERSON_NAME');
    expect(detectorsIn(rule(plan, 'phi-guard-identifiers')!.condition)).not.toContain('all_content:PHI_GUARD_HEALTH_TERMS');
  });

  it('lists what Gmail DLP cannot do: recipient checks, and situations with no domains to apply to', () => {
    expect(plan.notEnforced.map((n) => n.situation)).toEqual(['phi_internal', 'phi_partner', 'lookalike_domain', 'first_time_recipient', 'consent_missing']);
    expect(plan.warnings.map((w) => w.code)).toEqual(['no_organisation_domains']);
  });

  it('keeps every rule description within the 500 characters Google allows', () => {
    for (const r of plan.rules) expect(r.description.length).toBeLessThanOrEqual(500);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL }))).toBe(JSON.stringify(plan));
  });
});

describe('planGmailDlp follows the policy', () => {
  it.each<[string, PolicyInput, Array<[string, string, string]>]>([
    ['a PHI rule relaxed to warn', { rules: { phi_external: 'warn', phi_in_attachment: 'warn' } }, [
      ['phi-guard-identifiers', 'warn', 'warn'], ['phi-guard-phi', 'warn', 'warn'], ['phi-guard-subject', 'block', 'block'],
    ]],
    ['a blocked PHI rule', { rules: { phi_external: 'block' } }, [
      ['phi-guard-identifiers', 'warn', 'warn'], ['phi-guard-phi', 'block', 'block'], ['phi-guard-subject', 'block', 'block'],
    ]],
    ['a subject rule that only warns', { rules: { phi_in_subject: 'warn' } }, [
      ['phi-guard-identifiers', 'warn', 'warn'], ['phi-guard-phi', 'encrypt', 'block'], ['phi-guard-subject', 'warn', 'warn'],
    ]],
    ['subjects allowed', { rules: { phi_in_subject: 'allow' } }, [
      ['phi-guard-identifiers', 'warn', 'warn'], ['phi-guard-phi', 'encrypt', 'block'],
    ]],
    ['identifiers blocked, which floors PHI', { rules: { identifiers_only: 'block' } }, [
      ['phi-guard-identifiers', 'block', 'block'], ['phi-guard-phi', 'block', 'block'], ['phi-guard-subject', 'block', 'block'],
    ]],
    ['everything allowed', { rules: { phi_external: 'allow', phi_in_attachment: 'allow', identifiers_only: 'allow', phi_in_subject: 'allow' } }, []],
  ])('%s', (_label, input, expected) => {
    expect(summary(planGmailDlp(policyOf(input)))).toEqual(expected);
  });

  it('lists an allowed situation as not enforced', () => {
    const plan = planGmailDlp(policyOf({ rules: { phi_in_subject: 'allow' } }));
    expect(plan.notEnforced).toContainEqual({ situation: 'phi_in_subject', action: 'allow', why: 'The policy allows it, so no rule is needed.' });
  });

  it('a blocked PHI rule tells the sender the recipients may not have it, without a secure-send hint', () => {
    const phi = rule(planGmailDlp(policyOf({ rules: { phi_external: 'block' } })), 'phi-guard-phi')!;
    expect(phi.userMessage).toBe(REASON_MESSAGES.phi_recipient_blocked);
  });

  it("shows the organisation's own domains as internal, sorted, and says Gmail DLP applies the rules to them too", () => {
    const plan = planGmailDlp(policyOf({ organisation: { domains: ['Clinic.example.org', 'beta.example'] } }));
    expect(plan.organisation.domains).toEqual(['beta.example', 'clinic.example.org']);
    expect(plan.warnings.map((w) => w.code)).not.toContain('no_organisation_domains');
    expect(plan.notEnforced.find((n) => n.situation === 'phi_internal')?.why).toContain('apply to internal mail as well');
  });

  it('does not depend on the order domains are listed in', () => {
    const a = planGmailDlp(policyOf({ organisation: { domains: ['a.example', 'b.example'], partnerDomains: ['p.example', 'q.example'] } }));
    const b = planGmailDlp(policyOf({ organisation: { domains: ['b.example', 'a.example'], partnerDomains: ['q.example', 'p.example'] } }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('applies the stricter of the partner and external rules, and says so, since Gmail DLP cannot tell partners apart', () => {
    const plan = planGmailDlp(policyOf({ organisation: { partnerDomains: ['lab.example'] }, rules: { phi_partner: 'warn', phi_external: 'block' } }));
    expect(plan.organisation.partnerDomains).toEqual(['lab.example']);
    expect(rule(plan, 'phi-guard-phi')?.situations).toContain('phi_partner');
    expect(rule(plan, 'phi-guard-phi')?.policyAction).toBe('block');
    expect(plan.warnings.map((w) => w.code)).toContain('partners_as_external');
  });

  it('applies a stricter attachment rule to the whole message, and says so, since Gmail DLP cannot scan attachments apart', () => {
    const plan = planGmailDlp(policyOf({ rules: { phi_external: 'warn', phi_in_attachment: 'block' } }));
    expect(rule(plan, 'phi-guard-phi')).toMatchObject({ policyAction: 'block', action: 'block', userMessage: REASON_MESSAGES.phi_in_attachment });
    expect(plan.warnings.map((w) => w.code)).toContain('attachments_as_content');
    expect(planGmailDlp(DEFAULT_POLICY).warnings.map((w) => w.code)).not.toContain('attachments_as_content');
  });
});

describe('coverage', () => {
  it('maps every kind the core detects to a detector', () => {
    const plan = planGmailDlp(DEFAULT_POLICY);
    for (const kind of KindSchema.options) {
      expect([kind, (plan.coverage.find((c) => c.kind === kind)?.detectors.length ?? 0) > 0]).toEqual([kind, true]);
    }
  });

  it('names in the rules only detectors the plan defines', () => {
    const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL });
    const ids = new Set(plan.detectors.map((d) => d.id));
    for (const r of plan.rules) for (const d of detectorsIn(r.condition)) expect(ids.has(d.replace(/^(not )?\w+:/, ''))).toBe(true);
  });
});

describe('the exception for portal notices', () => {
  it('is there exactly when a service URL is given', () => {
    const without = planGmailDlp(DEFAULT_POLICY);
    expect(without.portalException).toBeNull();
    expect(without.detectors.map((d) => d.id)).not.toContain('PHI_GUARD_PORTAL_LINK');
    expect(without.rules.flatMap((r) => detectorsIn(r.condition)).filter((d) => d.startsWith('not '))).toEqual([]);
    expect(without.warnings.map((w) => w.code)).toContain('no_service_url');

    const withUrl = planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL });
    expect(withUrl.portalException).toMatchObject({ link: `${SERVICE_URL}/portal/m/`, detector: 'PHI_GUARD_PORTAL_LINK' });
    for (const r of withUrl.rules) expect(detectorsIn(r.condition)).toContain('not body:PHI_GUARD_PORTAL_LINK');
    expect(withUrl.warnings.map((w) => w.code)).not.toContain('no_service_url');
  });

  it("matches the pickup notice PHI Guard sends, in text and HTML, and no other site's links", () => {
    const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: `${SERVICE_URL}/` });
    const regex = plan.detectors.find((d) => d.id === 'PHI_GUARD_PORTAL_LINK');
    if (regex?.type !== 'regex') throw new Error('no portal link detector');
    expect(checkRe2(regex.regex)).toEqual({ ok: true });
    const notice = pickupNotice({ policy: DEFAULT_POLICY, link: portalLink(SERVICE_URL), expiresAt: new Date('2026-01-31T12:00:00Z') });
    expect(toJsRegExp(regex.regex).test(notice.text)).toBe(true);
    expect(toJsRegExp(regex.regex).test(notice.html)).toBe(true);
    expect(toJsRegExp(regex.regex).test(portalLink('https://secure-clinic.example.org'))).toBe(false);
    expect(toJsRegExp(regex.regex).test(portalLink('https://secureXclinic.example.org'))).toBe(false);
    expect(toJsRegExp(regex.regex).test(`${SERVICE_URL}/portal/m/short`)).toBe(false);
  });

  it('escapes a service URL with a path and port', () => {
    const base = 'https://mail.example.org:8443/phi+guard';
    const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: base });
    const regex = plan.detectors.find((d) => d.id === 'PHI_GUARD_PORTAL_LINK');
    expect(regex?.type === 'regex' && toJsRegExp(regex.regex).test(portalLink(base))).toBe(true);
    expect(regex?.type === 'regex' && toJsRegExp(regex.regex).test(portalLink('https://mail.example.org:8443/phiiguard'))).toBe(false);
  });
});

describe('content compliance fallback', () => {
  const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL });
  const { regexes, settings } = plan.contentCompliance;

  it('has settings only for rules that block: content compliance cannot warn', () => {
    expect([...new Set(settings.map((s) => s.rule))]).toEqual(['phi-guard-phi', 'phi-guard-subject']);
  });

  it('keeps the subject rule to the subject: its only setting matches the regexes in the subject', () => {
    const subject = settings.filter((s) => s.rule === 'phi-guard-subject');
    expect(subject.map((s) => s.expressions[0])).toEqual([{ type: 'advanced', location: 'subject', match: 'matches_regex', regex: 'PHI_GUARD_PHI_IDENTIFIERS' }]);
    expect(subject[0]?.affects).toEqual(['outbound', 'internal_sending']);
  });

  it('needs a health term and no portal link in every PHI setting', () => {
    for (const s of settings) {
      expect(s.expressions.slice(1)).toEqual([
        { type: 'advanced', location: 'body', match: 'matches_regex', regex: 'PHI_GUARD_HEALTH_TERMS_REGEX' },
        { type: 'advanced', location: 'body', match: 'not_matches_regex', regex: 'PHI_GUARD_PORTAL_LINK' },
      ]);
    }
  });

  it('writes every regex in RE2 syntax, and the combined ones still match what their parts match', () => {
    for (const { regex } of regexes) expect(checkRe2(regex)).toEqual({ ok: true });
    const byId = new Map(regexes.map((r) => [r.id, toJsRegExp(r.regex)]));
    for (const term of HEALTH_TERMS) expect(byId.get('PHI_GUARD_HEALTH_TERMS_REGEX')?.test(`the ${term.toUpperCase()} results`)).toBe(true);
    expect(byId.get('PHI_GUARD_HEALTH_TERMS_REGEX')?.test('the cancellation policy')).toBe(false);
    expect(byId.get('PHI_GUARD_PHI_IDENTIFIERS')?.test('MRN 30417782')).toBe(true);
    expect(byId.get('PHI_GUARD_PHI_IDENTIFIERS')?.test('a 93-year-old')).toBe(true);
    expect(byId.get('PHI_GUARD_PHI_IDENTIFIERS')?.test('check the MRN before sending')).toBe(false);
  });
});

describe('ServiceUrlSchema', () => {
  it.each([
    ['https://secure.example.org/', 'https://secure.example.org'],
    ['http://localhost:8080/base//', 'http://localhost:8080/base'],
  ])('accepts %s as %s', (input, expected) => {
    expect(ServiceUrlSchema.parse(input)).toBe(expected);
  });

  it.each([['ftp://example.org'], ['not a url'], ['https://example.org/?a=1'], ['https://example.org/#x']])('rejects %s', (input) => {
    expect(ServiceUrlSchema.safeParse(input).success).toBe(false);
  });
});
