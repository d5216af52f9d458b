import { describe, expect, it } from '@jest/globals';
import type { ScanResult } from '../detect/finding.js';
import { decide } from './decide.js';
import { DecisionSchema } from './decision.js';
import type { RecipientInput } from './recipient.js';
import { finding, policyOf, scanOf } from './testing.js';

const policy = policyOf();
const colleague: RecipientInput = { address: 'nurse@clinic.example' };
const outsider: RecipientInput = { address: 'dr.lee@elsewhere.example' };
const partner: RecipientInput = { address: 'results@lab.example' };

// A draft with a patient identifier and a diagnosis in the body.
const bodyPhi = scanOf(finding('SSN', 'body', 10), finding('CONDITION', 'body', 30));
const subjectPhi = scanOf(finding('NAME', 'subject', 0), finding('CONDITION', 'body', 30));
const identifiersOnly = scanOf(finding('SSN', 'body', 10));
const nothing = scanOf();

const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);

describe('content rules', () => {
  it('PHI to a colleague inside the organisation is allowed by default', () => {
    const d = decide(bodyPhi, [colleague], 'none', policy);
    expect(d.action).toBe('allow');
    expect(d.reasons).toEqual([]);
    expect(d.overridable).toBe(false);
  });

  it('PHI to an outside recipient must be encrypted; without a known key the portal is recommended', () => {
    const d = decide(bodyPhi, [colleague, outsider], 'none', policy);
    expect(d.action).toBe('encrypt');
    expect(d.reasons).toEqual([
      expect.objectContaining({ code: 'phi_unprotected', action: 'encrypt', recipients: ['dr.lee@elsewhere.example'], fields: ['body'] }),
    ]);
    expect(d.fixes).toContainEqual({ type: 'apply_protection', method: 'portal', recipients: ['dr.lee@elsewhere.example'] });
    expect(d.perRecipient.find((r) => r.address === 'dr.lee@elsewhere.example')).toMatchObject({
      classification: 'external', needsProtection: true, protectedBy: null, method: 'portal', action: 'encrypt',
    });
  });

  it('a recipient with an S/MIME certificate gets S/MIME, the policy’s first choice', () => {
    const d = decide(bodyPhi, [{ ...outsider, smime: true }], 'none', policy);
    expect(d.fixes).toContainEqual({ type: 'apply_protection', method: 'smime', recipients: ['dr.lee@elsewhere.example'] });
  });

  it('applying an accepted protection lets PHI go to an outside recipient', () => {
    expect(decide(bodyPhi, [outsider], 'portal', policy).action).toBe('allow');
  });

  it('a protection the policy does not accept does not count', () => {
    const d = decide(bodyPhi, [outsider], 'gateway', policy);
    expect(d.action).toBe('encrypt');
    expect(codes(d)).toEqual(['phi_unprotected']);
  });

  it('PGP applied to a recipient known to have no key leaves that recipient unprotected, with a warning', () => {
    const d = decide(bodyPhi, [{ ...outsider, pgp: false }], 'pgp', policy);
    expect(d.action).toBe('encrypt');
    expect(d.perRecipient[0]!.warnings).toContain('applied_protection_unusable');
  });

  it('TLS-only counts for a domain that enforces TLS when the policy accepts it', () => {
    const tlsPolicy = policyOf({ protection: { accepted: ['smime', 'tls', 'portal'] } });
    const d = decide(bodyPhi, [{ ...outsider, tls: 'enforced' }], 'none', tlsPolicy);
    expect(d.action).toBe('allow');
    expect(d.perRecipient[0]).toMatchObject({ protectedBy: 'tls', method: 'tls' });
    expect(decide(bodyPhi, [{ ...outsider, tls: 'opportunistic' }], 'none', tlsPolicy).action).toBe('encrypt');
    expect(decide(bodyPhi, [{ ...outsider, tls: 'enforced' }], 'none', policy).action).toBe('encrypt');
  });

  it('a domain the admin lists as enforcing TLS counts without a lookup', () => {
    const tlsPolicy = policyOf({ protection: { accepted: ['tls', 'portal'], tlsDomains: ['elsewhere.example'] } });
    expect(decide(bodyPhi, [outsider], 'none', tlsPolicy).action).toBe('allow');
  });

  it('partners follow their own rule, which an organisation may relax', () => {
    expect(decide(bodyPhi, [partner], 'none', policy).perRecipient[0]!.classification).toBe('partner');
    expect(decide(bodyPhi, [partner], 'none', policy).action).toBe('encrypt');
    expect(decide(bodyPhi, [partner], 'none', policyOf({ rules: { phi_partner: 'warn', identifiers_only: 'allow' } })).action).toBe('warn');
  });

  it('the directory’s classification wins over the domain lists', () => {
    const d = decide(bodyPhi, [{ ...outsider, classification: 'internal' }], 'none', policy);
    expect(d.action).toBe('allow');
  });

  it('a policy that blocks PHI to outside recipients blocks even when encrypted, and offers to remove them', () => {
    const strict = policyOf({ rules: { phi_external: 'block' } });
    const d = decide(bodyPhi, [outsider], 'portal', strict);
    expect(d.action).toBe('block');
    expect(codes(d)).toEqual(['phi_recipient_blocked']);
    expect(d.fixes).toContainEqual({ type: 'remove_recipient', address: 'dr.lee@elsewhere.example', reasons: ['phi_recipient_blocked'] });
  });
});

describe('subject', () => {
  it('PHI in the subject blocks the send even when the body is encrypted', () => {
    const d = decide(subjectPhi, [outsider], 'portal', policy);
    expect(d.action).toBe('block');
    expect(codes(d)).toEqual(['phi_in_subject']);
    expect(d.reasons[0]).toMatchObject({ fields: ['subject'], findings: [{ field: 'subject', start: 0, end: 4, kind: 'NAME' }] });
  });

  it('PHI in the subject blocks even a message that stays inside the organisation', () => {
    expect(decide(subjectPhi, [colleague], 'none', policy).action).toBe('block');
  });

  it('offers a neutral subject with the organisation’s name', () => {
    const d = decide(subjectPhi, [colleague], 'none', policy);
    expect(d.fixes).toContainEqual({ type: 'neutral_subject', subject: 'Secure message from City Clinic' });
  });
});

describe('attachments', () => {
  const attachmentPhi = scanOf(finding('MRN', 'attachment', 0, 1), finding('CONDITION', 'attachment', 20, 1));

  it('PHI in an attachment to an outside recipient asks for encryption and points at the attachment', () => {
    const d = decide(attachmentPhi, [outsider], 'none', policy);
    expect(d.action).toBe('encrypt');
    const reason = d.reasons.find((r) => r.code === 'phi_in_attachment');
    expect(reason).toMatchObject({ fields: ['attachment'], recipients: ['dr.lee@elsewhere.example'] });
    expect(reason!.findings.every((f) => f.attachment === 1)).toBe(true);
  });

  it('a policy may block PHI attachments leaving the organisation even when encrypted', () => {
    const d = decide(attachmentPhi, [outsider], 'portal', policyOf({ rules: { phi_in_attachment: 'block' } }));
    expect(d.action).toBe('block');
    expect(codes(d)).toEqual(['phi_in_attachment']);
  });

  it('attachments sent inside the organisation follow the internal rule', () => {
    expect(decide(attachmentPhi, [colleague], 'none', policy).action).toBe('allow');
  });
});

describe('an attachment that cannot be inspected', () => {
  // An encrypted PDF beside a harmless body: the scan found nothing, but could not look everywhere.
  const locked: ScanResult = { ...nothing, uninspectable: [{ attachment: 0, reason: 'encrypted' }] };
  const open = policyOf({ failMode: 'open' });

  it.each([
    // [row, recipient, applied protection, policy, action, reason codes]
    ['closed (the default): an outside recipient is treated as getting a PHI attachment', outsider, 'none', policy, 'encrypt', ['attachment_uninspectable']],
    ['closed: protection satisfies it, as it would a PHI attachment', outsider, 'portal', policy, 'allow', []],
    ['closed: a partner follows the PHI rules for partners', partner, 'none', policy, 'encrypt', ['attachment_uninspectable']],
    ['closed: a policy that blocks PHI attachments blocks it even when protected', outsider, 'portal', policyOf({ rules: { phi_in_attachment: 'block' } }), 'block', ['attachment_uninspectable']],
    ['closed: the stricter of the recipient rule and the attachment rule applies', outsider, 'none', policyOf({ rules: { phi_in_attachment: 'warn', phi_external: 'block' } }), 'block', ['attachment_uninspectable']],
    ['open: an outside recipient only warns', outsider, 'none', open, 'warn', ['attachment_uninspectable']],
    ['open: protection satisfies the warning too', outsider, 'portal', open, 'allow', []],
    ['open: even a blocking attachment rule only warns', outsider, 'none', policyOf({ failMode: 'open', rules: { phi_in_attachment: 'block' } }), 'warn', ['attachment_uninspectable']],
    ['inside the organisation PHI is allowed, so an unknown attachment is too', colleague, 'none', policy, 'allow', []],
    ['inside, a policy that wants PHI encrypted internally asks for it here too', colleague, 'none', policyOf({ rules: { phi_internal: 'encrypt' } }), 'encrypt', ['attachment_uninspectable']],
    ['open, inside: warns only where the internal rule would act', colleague, 'none', policyOf({ failMode: 'open', rules: { phi_internal: 'encrypt' } }), 'warn', ['attachment_uninspectable']],
    ['open, inside, PHI allowed: nothing to warn about', colleague, 'none', open, 'allow', []],
    ['a policy that lets PHI attachments go out unprotected lets the unknown one go too', outsider, 'none', policyOf({ rules: { phi_external: 'allow', phi_in_attachment: 'allow' } }), 'allow', []],
  ] as const)('%s', (_row, recipient, applied, p, action, reasons) => {
    const d = decide(locked, [recipient], applied, p);
    expect(d.action).toBe(action);
    expect(codes(d)).toEqual(reasons);
  });

  it('points at attachments, offers the protection that resolves it, and no disclaimer (no PHI is known)', () => {
    const d = decide(locked, [colleague, outsider], 'none', policy);
    expect(d.reasons).toEqual([
      { code: 'attachment_uninspectable', action: 'encrypt', overridable: false, recipients: ['dr.lee@elsewhere.example'], fields: ['attachment'], findings: [] },
    ]);
    expect(d.fixes).toEqual([{ type: 'apply_protection', method: 'portal', recipients: ['dr.lee@elsewhere.example'] }]);
    expect(d.perRecipient.find((r) => r.address === outsider.address)).toMatchObject({ needsProtection: true, method: 'portal' });
    expect(d.perRecipient.find((r) => r.address === colleague.address)).toMatchObject({ needsProtection: false, action: 'allow' });
  });

  it('may be overridden only where the policy allows overriding PHI attachments to that recipient', () => {
    const allowing = policyOf({ overrides: { allowed: ['phi_external', 'phi_in_attachment'] } });
    expect(decide(locked, [outsider], 'none', allowing)).toMatchObject({ action: 'encrypt', overridable: true, justificationRequired: true });
    expect(decide(locked, [outsider], 'none', policyOf({ overrides: { allowed: ['phi_external'] } })).overridable).toBe(false);
    expect(decide(locked, [outsider], 'none', open)).toMatchObject({ action: 'warn', overridable: true, justificationRequired: false });
  });

  it('makes the content sensitive, so recipient checks that need sensitive content apply', () => {
    expect(codes(decide(locked, [{ ...outsider, firstTime: true }], 'portal', policy))).toEqual(['first_time_recipient']);
    expect(codes(decide(locked, [{ ...outsider, lookup: 'unavailable' }], 'portal', policy))).toEqual(['service_unavailable']);
  });

  it('stands beside PHI found in the readable attachments', () => {
    const both: ScanResult = { ...scanOf(finding('MRN', 'attachment', 0, 1), finding('CONDITION', 'attachment', 20, 1)), uninspectable: [{ attachment: 0, reason: 'too_large' }] };
    expect(codes(decide(both, [outsider], 'none', policy))).toEqual(['attachment_uninspectable', 'phi_in_attachment', 'phi_unprotected']);
  });
});

describe('identifiers without health information', () => {
  it('warn when they leave the organisation, and offer to mask them', () => {
    const d = decide(identifiersOnly, [outsider], 'none', policy);
    expect(d.action).toBe('warn');
    expect(codes(d)).toEqual(['identifiers_only']);
    expect(d.fixes).toContainEqual({ type: 'mask', field: 'body', start: 10, end: 14, kind: 'SSN', style: 'last_four' });
    expect(d.overridable).toBe(true);
    expect(d.justificationRequired).toBe(false);
  });

  it('are not flagged inside the organisation', () => {
    expect(decide(identifiersOnly, [colleague], 'none', policy).action).toBe('allow');
  });

  it('are satisfied by protection', () => {
    expect(decide(identifiersOnly, [outsider], 'portal', policy).action).toBe('allow');
  });

  it('floor the PHI rule, so health information never relaxes a decision', () => {
    const lax = policyOf({ rules: { phi_external: 'warn', identifiers_only: 'block' } });
    expect(decide(identifiersOnly, [outsider], 'none', lax).action).toBe('block');
    expect(decide(bodyPhi, [outsider], 'none', lax).action).toBe('block');
  });
});

describe('recipient checks', () => {
  it('a lookalike domain blocks even a message without PHI, and removing the recipient is offered', () => {
    const d = decide(nothing, [{ address: 'nurse@c1inic.example', lookalikeOf: 'clinic.example' }], 'none', policy);
    expect(d.action).toBe('block');
    expect(codes(d)).toEqual(['lookalike_domain']);
    expect(d.fixes).toEqual([{ type: 'remove_recipient', address: 'nurse@c1inic.example', reasons: ['lookalike_domain'] }]);
  });

  it('a first-time outside recipient warns only when the content is sensitive', () => {
    const first = { ...outsider, firstTime: true };
    expect(codes(decide(bodyPhi, [first], 'portal', policy))).toEqual(['first_time_recipient']);
    expect(decide(nothing, [first], 'none', policy).action).toBe('allow');
    expect(decide(nothing, [first], 'none', policy).perRecipient[0]!.warnings).toEqual(['first_time_recipient']);
  });

  it('missing or revoked consent warns when PHI goes to that patient', () => {
    for (const consent of [false, 'revoked'] as const) {
      const d = decide(bodyPhi, [{ ...outsider, consent }], 'portal', policy);
      expect(codes(d)).toEqual(['consent_missing']);
      expect(d.fixes).toContainEqual({ type: 'remove_recipient', address: 'dr.lee@elsewhere.example', reasons: ['consent_missing'] });
    }
    expect(decide(bodyPhi, [{ ...outsider, consent: true }], 'portal', policy).action).toBe('allow');
  });

  describe("a warned patient's request for unencrypted email", () => {
    const patient: RecipientInput = { address: 'maria.g@mail.example', consent: true, allowUnencrypted: true };
    const honouring = policyOf({ protection: { patientRequestLiftsEncryption: true } });

    it('lifts the encryption requirement only when the policy honours it', () => {
      expect(decide(bodyPhi, [patient], 'none', policy).action).toBe('encrypt');
      const d = decide(bodyPhi, [patient], 'none', honouring);
      expect(d.action).toBe('allow');
      expect(d.perRecipient[0]).toMatchObject({ needsProtection: false, method: null, warnings: ['unencrypted_at_patient_request'] });
    });

    it('needs consent on file: a revoked consent or a bare flag lifts nothing', () => {
      expect(decide(bodyPhi, [{ ...patient, consent: 'revoked' }], 'none', honouring).action).toBe('encrypt');
      expect(decide(bodyPhi, [{ address: patient.address, allowUnencrypted: true }], 'none', honouring).action).toBe('encrypt');
    });

    it('still leaves PHI in the subject blocked and other recipients protected', () => {
      expect(decide(subjectPhi, [patient], 'none', honouring).action).toBe('block');
      const d = decide(bodyPhi, [patient, outsider], 'none', honouring);
      expect(d.action).toBe('encrypt');
      expect(d.reasons[0]!.recipients).toEqual(['dr.lee@elsewhere.example']);
    });
  });
});

describe('fail mode', () => {
  const unknown = { ...outsider, lookup: 'unavailable' as const };

  it('closed (the default): a sensitive send to an unchecked recipient is blocked with a next step', () => {
    const d = decide(bodyPhi, [unknown], 'portal', policy);
    expect(d.action).toBe('block');
    expect(codes(d)).toEqual(['service_unavailable']);
    expect(d.overridable).toBe(false);
    expect(d.perRecipient[0]!.warnings).toContain('lookup_unavailable');
  });

  it('open: the same send only warns', () => {
    const d = decide(bodyPhi, [unknown], 'portal', policyOf({ failMode: 'open' }));
    expect(d.action).toBe('warn');
  });

  it('an outage never stops ordinary mail or mail inside the organisation', () => {
    expect(decide(nothing, [unknown], 'none', policy).action).toBe('allow');
    expect(decide(bodyPhi, [{ ...colleague, lookup: 'unavailable' }], 'none', policy).action).toBe('allow');
  });

  it('a recipient that cannot be read is treated as unchecked', () => {
    const d = decide(bodyPhi, [{ address: 'not an address' }], 'portal', policy);
    expect(d.action).toBe('block');
    expect(d.perRecipient[0]).toMatchObject({ address: 'not an address', classification: 'external', warnings: ['invalid_recipient', 'lookup_unavailable'] });
  });
});

describe('choosing a protection method', () => {
  const keysOnly = policyOf({ protection: { accepted: ['pgp', 'smime'] } });

  it('when no accepted method can reach a recipient the send is blocked and removing them is offered', () => {
    const d = decide(bodyPhi, [outsider], 'none', keysOnly);
    expect(d.action).toBe('block');
    expect(codes(d)).toContain('no_protection_method');
    expect(d.fixes).toContainEqual({ type: 'remove_recipient', address: 'dr.lee@elsewhere.example', reasons: ['no_protection_method'] });
  });

  it('recipients who need different methods cannot share one message', () => {
    const d = decide(bodyPhi, [{ ...outsider, pgp: true, smime: false }, { address: 'b@far.example', smime: true, pgp: false }], 'none', keysOnly);
    expect(d.action).toBe('block');
    expect(codes(d)).toContain('no_common_protection');
  });

  it('a method another recipient is known to be unable to read is skipped for the next one', () => {
    const pgpFirst = policyOf({ protection: { accepted: ['pgp', 'portal'] } });
    const d = decide(bodyPhi, [{ ...outsider, pgp: true }, { ...colleague, pgp: false }], 'none', pgpFirst);
    expect(d.fixes).toContainEqual({ type: 'apply_protection', method: 'portal', recipients: ['dr.lee@elsewhere.example'] });
    expect(d.perRecipient.find((r) => r.address === outsider.address)!.method).toBe('portal');
  });

  it('a gateway configured by the admin is recommended like any other method', () => {
    const gateway = policyOf({ protection: { accepted: ['gateway', 'portal'], gateway: { header: { name: 'x-encrypt', value: '1' } } } });
    expect(decide(bodyPhi, [outsider], 'none', gateway).fixes).toContainEqual({
      type: 'apply_protection', method: 'gateway', recipients: ['dr.lee@elsewhere.example'],
    });
  });
});

describe('fixes', () => {
  it('masks SSNs to the last four and dates of birth to the year, in the subject and body only', () => {
    const scan = scanOf(finding('SSN', 'subject', 0), finding('DATE', 'body', 5), finding('NAME', 'body', 20), finding('SSN', 'attachment', 0, 0), finding('CONDITION', 'body', 40));
    const d = decide(scan, [outsider], 'none', policy);
    expect(d.fixes.filter((f) => f.type === 'mask')).toEqual([
      { type: 'mask', field: 'subject', start: 0, end: 4, kind: 'SSN', style: 'last_four' },
      { type: 'mask', field: 'body', start: 5, end: 9, kind: 'DATE', style: 'year_only' },
    ]);
  });

  it('offers the policy’s disclaimer whenever PHI is sent', () => {
    expect(decide(bodyPhi, [colleague], 'none', policy).fixes).toEqual([{ type: 'add_disclaimer', text: policy.disclaimer }]);
    expect(decide(bodyPhi, [colleague], 'none', policyOf({ disclaimer: '' })).fixes).toEqual([]);
  });

  it('come in a fixed order: subject, masks, disclaimer, protection, recipients', () => {
    const d = decide(subjectPhi, [outsider, { address: 'x@c1inic.example', lookalikeOf: 'clinic.example' }], 'none', policy);
    expect(d.fixes.map((f) => f.type)).toEqual(['neutral_subject', 'add_disclaimer', 'apply_protection', 'remove_recipient']);
  });
});

describe('overrides', () => {
  it('encrypt and block cannot be overridden by default', () => {
    expect(decide(bodyPhi, [outsider], 'none', policy).overridable).toBe(false);
  });

  it('can be allowed per situation, and then need a written justification', () => {
    const d = decide(bodyPhi, [outsider], 'none', policyOf({ overrides: { allowed: ['phi_external', 'identifiers_only'] } }));
    expect(d).toMatchObject({ action: 'encrypt', overridable: true, justificationRequired: true });
    expect(d.reasons[0]!.overridable).toBe(true);
  });

  it('one reason that may not be overridden makes the decision not overridable', () => {
    const d = decide(subjectPhi, [outsider], 'none', policyOf({ overrides: { allowed: ['phi_external', 'identifiers_only'] } }));
    expect(d.overridable).toBe(false);
  });

  it('the justification can be switched off', () => {
    const d = decide(bodyPhi, [outsider], 'none', policyOf({ overrides: { allowed: ['phi_external', 'identifiers_only'], justification: false } }));
    expect(d.justificationRequired).toBe(false);
  });
});

describe('the decision as data', () => {
  it('matches the Decision schema and names every recipient once per entry, sorted', () => {
    const d = decide(bodyPhi, [outsider, colleague, { ...partner, type: 'cc' }], 'none', policy);
    expect(DecisionSchema.parse(d)).toEqual(d);
    expect(d.perRecipient.map((r) => [r.address, r.type])).toEqual([
      ['dr.lee@elsewhere.example', 'to'], ['nurse@clinic.example', 'to'], ['results@lab.example', 'cc'],
    ]);
  });

  it('addresses are compared without case', () => {
    const d = decide(bodyPhi, [{ address: 'Nurse@Clinic.Example' }], 'none', policy);
    expect(d.perRecipient[0]).toMatchObject({ address: 'nurse@clinic.example', classification: 'internal' });
  });

  it('a draft with no recipients yet is judged on its subject alone', () => {
    expect(decide(bodyPhi, [], 'none', policy).action).toBe('allow');
    expect(decide(subjectPhi, [], 'none', policy).action).toBe('block');
  });
});
