import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Finding, ScanResult } from '../detect/finding.js';
import { HEALTH_KINDS, IDENTIFIER_KINDS } from '../detect/kinds.js';
import { ACTIONS, CheckActionSchema, isStricter, type Action } from '../policy/action.js';
import { parsePolicy } from '../policy/parse.js';
import { AppliedProtectionSchema, ProtectionMethodSchema } from '../policy/protection.js';
import type { Policy } from '../policy/schema.js';
import { decide } from './decide.js';
import { DecisionSchema } from './decision.js';
import { onSendMessage, ON_SEND_MESSAGE_LIMIT } from './messages.js';
import type { RecipientInput } from './recipient.js';
import { finding } from './testing.js';

const action = fc.constantFrom(...ACTIONS);
const checkAction = fc.constantFrom(...CheckActionSchema.options);

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    rules: fc.record({
      phi_internal: action, phi_partner: action, phi_external: action, phi_in_subject: checkAction,
      phi_in_attachment: action, identifiers_only: action, lookalike_domain: checkAction,
      first_time_recipient: checkAction, consent_missing: checkAction,
    }),
    accepted: fc.shuffledSubarray([...ProtectionMethodSchema.options], { minLength: 1 }),
    failMode: fc.constantFrom('closed' as const, 'open' as const),
    allowed: fc.subarray(['phi_internal', 'phi_partner', 'phi_external', 'phi_in_subject', 'phi_in_attachment', 'identifiers_only', 'service_unavailable'] as const),
  })
  .map(({ rules, accepted, failMode, allowed }) => {
    const result = parsePolicy({
      organisation: { name: 'City Clinic', domains: ['clinic.example'], partnerDomains: ['lab.example'] },
      rules,
      protection: { accepted, gateway: { label: 'Encrypt' }, tlsDomains: ['tls.example'] },
      overrides: { allowed },
      failMode,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.policy;
  });

const findingArb: fc.Arbitrary<Finding> = fc
  .record({
    kind: fc.constantFrom(...IDENTIFIER_KINDS, ...HEALTH_KINDS),
    field: fc.constantFrom('subject' as const, 'body' as const, 'attachment' as const),
    start: fc.nat(200),
    attachment: fc.nat(2),
  })
  .map(({ kind, field, start, attachment }) => finding(kind, field, start, field === 'attachment' ? attachment : undefined));

const healthArb = fc
  .record({ kind: fc.constantFrom(...HEALTH_KINDS), field: fc.constantFrom('subject' as const, 'body' as const), start: fc.nat(200) })
  .map(({ kind, field, start }) => finding(kind, field, start));

/** A scan whose flags are consistent with its findings, as assess would set them. */
const scanFrom = (findings: Finding[], flags: { phi: boolean; subjectPhi: boolean }): ScanResult => ({
  phi: flags.phi,
  subjectPhi: flags.phi && flags.subjectPhi,
  findings,
});
const flagsArb = fc.record({ phi: fc.boolean(), subjectPhi: fc.boolean() });

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const recipientArb: fc.Arbitrary<RecipientInput> = fc
  .record({
    local: fc.constantFrom('a', 'b', 'pat', 'dr.lee'),
    domain: fc.constantFrom('clinic.example', 'lab.example', 'elsewhere.example', 'tls.example', 'c1inic.example'),
    type: fc.constantFrom('to' as const, 'cc' as const, 'bcc' as const),
    tls: maybe(fc.constantFrom('enforced' as const, 'opportunistic' as const, 'none' as const, 'unknown' as const)),
    pgp: maybe(fc.boolean()),
    smime: maybe(fc.boolean()),
    consent: maybe(fc.constantFrom(true, false, 'revoked' as const)),
    firstTime: maybe(fc.boolean()),
    lookalike: fc.boolean(),
    lookup: maybe(fc.constantFrom('ok' as const, 'unavailable' as const)),
  })
  .map(({ local, domain, lookalike, ...hints }) => {
    const r: RecipientInput = { address: `${local}@${domain}` };
    for (const [k, v] of Object.entries(hints)) if (v !== undefined) Object.assign(r, { [k]: v });
    if (lookalike && domain === 'c1inic.example') r.lookalikeOf = 'clinic.example';
    return r;
  });
const recipientsArb = fc.array(recipientArb, { maxLength: 5 });
const appliedArb = fc.constantFrom(...AppliedProtectionSchema.options);

const notLessStrict = (after: Action, before: Action) => !isStricter(before, after);

describe('decide properties', () => {
  it('adding PHI never makes the action less strict', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), fc.array(findingArb, { maxLength: 4 }), flagsArb, flagsArb, recipientsArb, appliedArb, policyArb,
        (base, extra, f1, f2, recipients, applied, policy) => {
          const before = scanFrom(base, f1);
          // More findings, and flags that can only turn on.
          const after = scanFrom([...base, ...extra], { phi: f1.phi || f2.phi, subjectPhi: (f1.phi && f1.subjectPhi) || f2.subjectPhi });
          expect(notLessStrict(decide(after, recipients, applied, policy).action, decide(before, recipients, applied, policy).action)).toBe(true);
        }),
    );
  });

  it('adding a health term to a draft with identifiers never makes the action less strict', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), healthArb, recipientsArb, appliedArb, policyArb, (base, health, recipients, applied, policy) => {
        const plain = (fs: Finding[]): ScanResult => {
          const phi = fs.some((f) => f.category === 'health') && fs.some((f) => f.category === 'identifier');
          return { phi, subjectPhi: phi && fs.some((f) => f.field === 'subject' && f.category === 'identifier'), findings: fs };
        };
        const before = decide(plain(base), recipients, applied, policy).action;
        const after = decide(plain([...base, health]), recipients, applied, policy).action;
        expect(notLessStrict(after, before)).toBe(true);
      }),
    );
  });

  it('an attachment that cannot be inspected never relaxes a decision, and failing closed is never laxer than open', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), flagsArb, recipientsArb, appliedArb, policyArb, (findings, flags, recipients, applied, policy) => {
        const readable = scanFrom(findings, flags);
        const locked: ScanResult = { ...readable, uninspectable: [{ attachment: 3, reason: 'encrypted' }] };
        const closed = decide(locked, recipients, applied, { ...policy, failMode: 'closed' }).action;
        const open = decide(locked, recipients, applied, { ...policy, failMode: 'open' }).action;
        expect(notLessStrict(decide(locked, recipients, applied, policy).action, decide(readable, recipients, applied, policy).action)).toBe(true);
        expect(notLessStrict(closed, open)).toBe(true);
      }),
    );
  });

  it('applying the recommended protection never makes the action stricter', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), flagsArb, recipientsArb, policyArb, (findings, flags, recipients, policy) => {
        const scan = scanFrom(findings, flags);
        const before = decide(scan, recipients, 'none', policy);
        const fix = before.fixes.find((f) => f.type === 'apply_protection');
        if (!fix) return;
        const after = decide(scan, recipients, fix.method, policy);
        expect(notLessStrict(before.action, after.action)).toBe(true);
        expect(after.reasons.map((r) => r.code)).not.toContain('phi_unprotected');
      }),
    );
  });

  it('applying any protection never makes the action stricter than applying none', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), flagsArb, recipientsArb, appliedArb, policyArb, (findings, flags, recipients, applied, policy) => {
        const scan = scanFrom(findings, flags);
        expect(notLessStrict(decide(scan, recipients, 'none', policy).action, decide(scan, recipients, applied, policy).action)).toBe(true);
      }),
    );
  });

  it('the decision is the same whatever the order of recipients or findings', () => {
    fc.assert(
      fc.property(
        fc.array(findingArb, { maxLength: 6 }).chain((fs) => fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length }))),
        recipientsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        flagsArb, appliedArb, policyArb,
        ([findings, shuffledFindings], [recipients, shuffledRecipients], flags, applied, policy) => {
          expect(decide(scanFrom(shuffledFindings, flags), shuffledRecipients, applied, policy)).toEqual(
            decide(scanFrom(findings, flags), recipients, applied, policy),
          );
        },
      ),
    );
  });

  it('the subject rule holds whatever the body contains', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 8 }), recipientsArb, appliedArb, policyArb, (body, recipients, applied, policy) => {
        const scan: ScanResult = { phi: true, subjectPhi: true, findings: [finding('NAME', 'subject', 0), ...body] };
        const d = decide(scan, recipients, applied, policy);
        expect(notLessStrict(d.action, policy.rules.phi_in_subject)).toBe(true);
        if (policy.rules.phi_in_subject !== 'allow') expect(d.reasons.map((r) => r.code)).toContain('phi_in_subject');
      }),
    );
  });

  it('every decision is well formed: schema, overridability, and an on-send message within the limit', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 6 }), flagsArb, recipientsArb, appliedArb, policyArb, (findings, flags, recipients, applied, policy) => {
        const d = decide(scanFrom(findings, flags), recipients, applied, policy);
        expect(DecisionSchema.safeParse(d).success).toBe(true);
        expect(d.action).toBe(d.reasons.reduce<Action>((a, r) => (isStricter(r.action, a) ? r.action : a), 'allow'));
        if (d.action === 'allow') expect(d.overridable).toBe(false);
        if (d.justificationRequired) expect(d.overridable).toBe(true);
        expect(onSendMessage(d).length).toBeLessThanOrEqual(ON_SEND_MESSAGE_LIMIT);
        if (d.reasons.length > 0) expect(onSendMessage(d).length).toBeGreaterThan(0);
      }),
    );
  });
});
