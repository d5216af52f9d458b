import { describe, expect, it } from '@jest/globals';
import { toFhirAuditEvent, type FhirAuditEvent } from './fhir.js';
import { AuditKindSchema, type AuditEvent } from './schema.js';

const BLOCKED: AuditEvent = {
  seq: 3,
  recorded: '2026-03-01T12:00:00.000Z',
  clientEventId: 'e-3',
  time: '2026-03-01T11:00:00.000Z',
  kind: 'send_blocked',
  actor: 'alice@example.org',
  client: 'outlook',
  messageRef: 'AAMk=',
  recipients: ['bob@example.org'],
  phiKinds: { SSN: 1 },
  action: 'block',
  reasonCodes: ['phi_unprotected'],
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};
const origin = 'audit.example.org/phi-guard';

describe('FHIR R4 AuditEvent export', () => {
  it('a blocked send is a security alert with a minor-failure outcome, naming actor, client, recipient and message', () => {
    expect(toFhirAuditEvent(BLOCKED, { origin })).toEqual({
      resourceType: 'AuditEvent',
      id: '3',
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110113', display: 'Security Alert' },
      subtype: [{ system: 'https://phiguard.dev/fhir/CodeSystem/audit-event-kind', code: 'send_blocked' }],
      action: 'E',
      period: { start: '2026-03-01T11:00:00.000Z', end: '2026-03-01T11:00:00.000Z' },
      recorded: '2026-03-01T12:00:00.000Z',
      outcome: '4',
      outcomeDesc: 'phi_unprotected',
      agent: [
        { who: { identifier: { value: 'alice@example.org' } }, requestor: true },
        {
          type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150', display: 'Application' }] },
          who: { display: 'PHI Guard for Outlook' },
          requestor: false,
        },
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
          who: { identifier: { system: 'urn:ietf:rfc:3986', value: 'mailto:bob@example.org' } },
          requestor: false,
        },
      ],
      source: {
        site: origin,
        observer: { display: 'PHI Guard service' },
        type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
      },
      entity: [
        {
          what: { identifier: { value: 'AAMk=' } },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
          detail: [
            { type: 'phiKinds', valueString: 'SSN=1' },
            { type: 'decision', valueString: 'block' },
            { type: 'reasonCodes', valueString: 'phi_unprotected' },
            { type: 'seq', valueString: '3' },
            { type: 'hash', valueString: 'b'.repeat(64) },
          ],
        },
      ],
    });
  });

  it.each(['send_allowed', 'override', 'protection_applied'] as const)(
    'a %s is a BALP privacy disclosure: DICOM Export with ISO 21089 disclose',
    (kind) => {
      const fhir = toFhirAuditEvent({ ...BLOCKED, kind, action: 'encrypt' }, { origin });
      expect(fhir).toMatchObject({ type: { code: '110106' }, action: 'R', outcome: '0' });
      expect(fhir.subtype).toContainEqual({ system: 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle', code: 'disclose', display: 'Disclose' });
    },
  );

  it.each(AuditKindSchema.options)('every kind maps to a type and an action (%s)', (kind) => {
    const fhir = toFhirAuditEvent({ ...BLOCKED, kind }, { origin });
    expect(fhir.type.code).toMatch(/^1101\d\d$/);
    expect(['C', 'R', 'U', 'D', 'E']).toContain(fhir.action);
  });

  const serviceEvent = (kind: AuditEvent['kind'], actor: string, detail: AuditEvent['detail']): AuditEvent => ({
    ...BLOCKED,
    kind,
    actor,
    client: 'service',
    messageRef: undefined,
    recipients: [],
    phiKinds: {},
    reasonCodes: [],
    action: undefined,
    detail,
  });

  /** The events that record a refused attempt; everything else the service records succeeded. */
  const REFUSED = ['send_blocked', 'admin_sign_in_failed', 'admin_locked', 'portal_passcode_failed', 'portal_locked'] as const;

  it.each(REFUSED)('a %s is a minor failure (4): a refusal the service meant, not an error of it', (kind) => {
    expect(toFhirAuditEvent({ ...BLOCKED, kind }, { origin }).outcome).toBe('4');
  });

  it.each(AuditKindSchema.options.filter((kind) => !(REFUSED as readonly string[]).includes(kind)))('a %s is a success (0)', (kind) => {
    const fhir = toFhirAuditEvent({ ...BLOCKED, kind }, { origin });
    expect(fhir.outcome).toBe('0');
    expect(fhir).not.toHaveProperty('outcomeDesc');
  });

  it('a failed console sign-in is a User Authentication minor failure whose description is the reason code', () => {
    const fhir = toFhirAuditEvent(serviceEvent('admin_sign_in_failed', 'local:breakglass', { method: 'local', reason: 'invalid_credentials' }), { origin });
    expect(fhir).toMatchObject({ type: { code: '110114' }, action: 'E', outcome: '4', outcomeDesc: 'invalid_credentials' });
    expect(fhir.agent[0]).toEqual({ who: { identifier: { value: 'local:breakglass' } }, requestor: true });
  });

  it('a console lockout is a Security Alert minor failure', () => {
    const fhir = toFhirAuditEvent(serviceEvent('admin_locked', 'local:breakglass', { method: 'local', lockedUntil: '2026-03-01T12:15:00.000Z' }), { origin });
    expect(fhir).toMatchObject({ type: { code: '110113' }, action: 'E', outcome: '4' });
    expect(fhir).not.toHaveProperty('outcomeDesc');
  });

  it.each<[AuditEvent['kind'], AuditEvent['detail'], FhirAuditEvent['action'], { code: string; display: string }]>([
    ['admin_account_created', { account: 'ops', roles: ['admin'] }, 'C', { code: '110136', display: 'Security Roles Changed' }],
    ['admin_account_unlocked', { account: 'ops', lockedUntil: '2026-03-01T12:15:00.000Z' }, 'U', { code: '110137', display: 'User security Attributes Changed' }],
  ])('a %s is a successful Security Alert with its DICOM type code, done by the operator', (kind, detail, action, dicom) => {
    const fhir = toFhirAuditEvent(serviceEvent(kind, 'cli:root', detail), { origin });
    expect(fhir).toMatchObject({ type: { code: '110113', display: 'Security Alert' }, action, outcome: '0' });
    expect(fhir.subtype).toEqual([
      { system: 'https://phiguard.dev/fhir/CodeSystem/audit-event-kind', code: kind },
      { system: 'http://dicom.nema.org/resources/ontology/DCM', ...dicom },
    ]);
    expect(fhir.agent[0]).toEqual({ who: { identifier: { value: 'cli:root' } }, requestor: true });
    expect(fhir.entity[0]!.detail).toContainEqual({ type: 'detail', valueString: JSON.stringify(detail) });
  });

  it('a service event without a message points at the audit log and carries its detail', () => {
    const fhir = toFhirAuditEvent(serviceEvent('purge', 'service', { cutoff: '2020-01-01T00:00:00.000Z', purged: 4 }), { origin });
    expect(fhir).toMatchObject({ action: 'D', type: { code: '110101' }, entity: [{ what: { display: origin } }] });
    expect(fhir.entity[0]!.detail).toContainEqual({ type: 'detail', valueString: '{"cutoff":"2020-01-01T00:00:00.000Z","purged":4}' });
  });
});
