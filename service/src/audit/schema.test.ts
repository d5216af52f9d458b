import { describe, expect, it } from '@jest/globals';
import { AuditDetailSchema, AuditEventInputSchema, HoldInputSchema, JUSTIFICATION_MAX_LENGTH } from './schema.js';
import { sampleEvent } from './testing.js';

const codes = (value: unknown) => {
  const result = AuditEventInputSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('AuditEventInputSchema', () => {
  it.each([
    ['a blocked send with counts per PHI kind', sampleEvent('e-1')],
    ['a bare scan: recipients, kinds and reasons default to empty', { clientEventId: 'e-2', time: '2026-03-01T11:00:00+02:00', kind: 'scan', client: 'gmail' }],
    ['an override with its justification', sampleEvent('e-3', { kind: 'override', action: 'warn', justification: 'Patient asked for it by phone.' })],
    ['protection applied names the method', sampleEvent('e-4', { kind: 'protection_applied', action: 'encrypt', protection: 'portal' })],
    ['an Internet Message-ID as the message reference', sampleEvent('e-5', { messageRef: '<CAF=abc+1@mail.example.org>' })],
  ])('accepts %s', (_name, value) => {
    expect(codes(value)).toEqual([]);
  });

  it.each([
    ['an unknown field (no room for message text)', { ...sampleEvent('e-1'), subject: 'Re: HIV results' }, [':unrecognized_keys']],
    ['a justification on anything but an override', sampleEvent('e-1', { justification: 'because' }), ['justification:custom']],
    ['a justification over the cap', sampleEvent('e-1', { kind: 'override', justification: 'x'.repeat(JUSTIFICATION_MAX_LENGTH + 1) }), ['justification:too_big']],
    ['a message reference with spaces (text, not an id)', sampleEvent('e-1', { messageRef: 'John Smith diabetes' }), ['messageRef:invalid_format']],
    ['a recipient with a display name', sampleEvent('e-1', { recipients: ['"Bob" <bob@example.org>'] }), ['recipients.0:invalid_format']],
    ['an unknown PHI kind', sampleEvent('e-1', { phiKinds: { DIAGNOSIS_TEXT: 1 } as never }), ['phiKinds:unrecognized_keys']],
    ['a zero count', sampleEvent('e-1', { phiKinds: { SSN: 0 } }), ['phiKinds.SSN:too_small']],
    ['an unknown reason code', sampleEvent('e-1', { reasonCodes: ['because_i_said_so' as never] }), ['reasonCodes.0:invalid_value']],
    ['a service kind from a client', sampleEvent('e-1', { kind: 'purge' as never }), ['kind:invalid_value']],
    ['a time without an offset', sampleEvent('e-1', { time: '2026-03-01T11:00:00' }), ['time:invalid_format']],
    ['an id with spaces', sampleEvent('not an id'), ['clientEventId:invalid_format']],
    ['the actor in the body (it comes from the token)', { ...sampleEvent('e-1'), actor: 'someone@else.org' }, [':unrecognized_keys']],
  ])('rejects %s', (_name, value, expected) => {
    expect(codes(value)).toEqual(expected);
  });

  it('issues never carry the rejected value', () => {
    const result = AuditEventInputSchema.safeParse({ ...sampleEvent('e-1'), subject: 'Re: HIV results' });
    expect(JSON.stringify(result.error?.issues.map(({ path, code }) => ({ path, code })))).not.toContain('HIV');
  });
});

describe('HoldInputSchema', () => {
  it.each([
    ['by actor', { actor: 'alice@example.org', reason: 'Case 2026-17' }],
    ['by recipient', { recipient: 'bob@example.org', reason: 'Case 2026-17' }],
    ['by time range', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', reason: 'Case 2026-17' }],
  ])('accepts a hold %s', (_name, value) => {
    expect(HoldInputSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['with no scope (it would hold everything)', { reason: 'Case 2026-17' }],
    ['without a reason', { actor: 'alice@example.org' }],
    ['that ends before it starts', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z', reason: 'x' }],
  ])('rejects a hold %s', (_name, value) => {
    expect(HoldInputSchema.safeParse(value).success).toBe(false);
  });
});

describe('break-glass account details', () => {
  it.each([
    ['a created account with its roles', { account: 'ops', roles: ['admin', 'auditor'] }],
    ['an unlocked account with the lock it ended', { account: 'ops', lockedUntil: '2026-03-01T12:15:00.000Z' }],
    ['an unlocked account that was not locked', { account: 'ops' }],
  ])('accepts %s', (_name, value) => {
    expect(AuditDetailSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['a password', { account: 'ops', roles: ['admin'], password: 'correct horse battery staple' }],
    ['a TOTP secret', { account: 'ops', roles: ['admin'], totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }],
    ['a role the service does not know', { account: 'ops', roles: ['root'] }],
  ])('has no room for %s', (_name, value) => {
    expect(AuditDetailSchema.safeParse(value).success).toBe(false);
  });
});
