import { canonicalJson } from './canonical-json.js';
import type { AuditEvent, AuditKind } from './schema.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ISO_21089 = 'http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const SOURCE_TYPE = 'http://terminology.hl7.org/CodeSystem/security-source-type';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
/** Our event kinds as a code system, so no detail of the kind is lost in the mapping. */
export const PHIGUARD_KIND_SYSTEM = 'https://phiguard.dev/fhir/CodeSystem/audit-event-kind';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

type Identifier = { system?: string; value: string };
type Reference = { identifier?: Identifier; display?: string };

/** The R4 AuditEvent elements this export fills (hl7.org/fhir/R4/auditevent.html). */
export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  type: Coding;
  subtype: Coding[];
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  period: { start: string; end: string };
  recorded: string;
  outcome: '0' | '4' | '8' | '12';
  outcomeDesc?: string;
  agent: Array<{ type?: { coding: Coding[] }; who: Reference; requestor: boolean }>;
  source: { site: string; observer: Reference; type: Coding[] };
  entity: Array<{ what: Reference; type: Coding; detail: Array<{ type: string; valueString: string }> }>;
}

const APPLICATION_ACTIVITY: Coding = { system: DCM, code: '110100', display: 'Application Activity' };
const AUDIT_LOG_USED: Coding = { system: DCM, code: '110101', display: 'Audit Log Used' };
const EXPORT: Coding = { system: DCM, code: '110106', display: 'Export' };
const SECURITY_ALERT: Coding = { system: DCM, code: '110113', display: 'Security Alert' };
const USER_AUTHENTICATION: Coding = { system: DCM, code: '110114', display: 'User Authentication' };
const DISCLOSE: Coding = { system: ISO_21089, code: 'disclose', display: 'Disclose' };
// Security Alert type codes (DICOM PS3.16 CID 403), in R4's AuditEvent sub-type value set.
const SECURITY_ROLES_CHANGED: Coding = { system: DCM, code: '110136', display: 'Security Roles Changed' };
const USER_SECURITY_ATTRIBUTES_CHANGED: Coding = { system: DCM, code: '110137', display: 'User security Attributes Changed' };

/** R4 AuditEvent.outcome 4: "not successful due to some kind of minor failure (often equivalent to an HTTP 400 response)". */
const MINOR_FAILURE = '4';

interface KindMapping {
  readonly type: Coding;
  readonly action: FhirAuditEvent['action'];
  /** Follows our own kind code in `subtype`. */
  readonly subtype?: Coding;
  /** When the attempt the event records was refused; success (0) otherwise. */
  readonly outcome?: typeof MINOR_FAILURE;
}

/**
 * Each kind as an AuditEvent type and action. A send that went out is an IHE BALP
 * PrivacyDisclosure: DICOM Export (110106) with ISO 21089 `disclose`; a blocked send or a warning
 * is a Security Alert; the log's own events are "Audit Log Used". Refusals are expected answers to
 * a request, not errors of the service, so a minor failure (4), never a serious one (8).
 */
const KIND_MAPPING: Record<AuditKind, KindMapping> = {
  scan: { type: APPLICATION_ACTIVITY, action: 'E' },
  warning_shown: { type: SECURITY_ALERT, action: 'E' },
  // The attempted disclosure did not happen.
  send_blocked: { type: SECURITY_ALERT, action: 'E', outcome: MINOR_FAILURE },
  send_allowed: { type: EXPORT, action: 'R', subtype: DISCLOSE },
  override: { type: EXPORT, action: 'R', subtype: DISCLOSE },
  protection_applied: { type: EXPORT, action: 'R', subtype: DISCLOSE },
  purge: { type: AUDIT_LOG_USED, action: 'D' },
  hold_placed: { type: AUDIT_LOG_USED, action: 'U' },
  hold_released: { type: AUDIT_LOG_USED, action: 'U' },
  checkpoint: { type: AUDIT_LOG_USED, action: 'E' },
  export: { type: AUDIT_LOG_USED, action: 'R' },
  key_added: { type: APPLICATION_ACTIVITY, action: 'C' },
  key_removed: { type: APPLICATION_ACTIVITY, action: 'D' },
  consent_recorded: { type: APPLICATION_ACTIVITY, action: 'C' },
  consent_revoked: { type: APPLICATION_ACTIVITY, action: 'U' },
  correspondent_added: { type: APPLICATION_ACTIVITY, action: 'C' },
  correspondent_removed: { type: APPLICATION_ACTIVITY, action: 'D' },
  portal_created: { type: APPLICATION_ACTIVITY, action: 'C' },
  portal_notice_sent: { type: APPLICATION_ACTIVITY, action: 'E' },
  portal_passcode_sent: { type: APPLICATION_ACTIVITY, action: 'E' },
  // A recipient's wrong passcode, and the one that locks the message, are refused sign-ins.
  portal_passcode_failed: { type: SECURITY_ALERT, action: 'E', outcome: MINOR_FAILURE },
  portal_locked: { type: SECURITY_ALERT, action: 'E', outcome: MINOR_FAILURE },
  // A recipient reading or downloading PHI is the disclosure itself.
  portal_opened: { type: EXPORT, action: 'R', subtype: DISCLOSE },
  portal_downloaded: { type: EXPORT, action: 'R', subtype: DISCLOSE },
  portal_replied: { type: APPLICATION_ACTIVITY, action: 'C' },
  portal_recalled: { type: APPLICATION_ACTIVITY, action: 'U' },
  portal_expiry_changed: { type: APPLICATION_ACTIVITY, action: 'U' },
  portal_expired: { type: APPLICATION_ACTIVITY, action: 'U' },
  portal_deleted: { type: APPLICATION_ACTIVITY, action: 'D' },
  admin_signed_in: { type: USER_AUTHENTICATION, action: 'E' },
  // The sign-in was refused (HTTP 401, 403 or 423).
  admin_sign_in_failed: { type: USER_AUTHENTICATION, action: 'E', outcome: MINOR_FAILURE },
  // Recorded with the refused sign-in that locked the account.
  admin_locked: { type: SECURITY_ALERT, action: 'E', outcome: MINOR_FAILURE },
  admin_signed_out: { type: USER_AUTHENTICATION, action: 'E' },
  // A new account is a grant of console roles; an unlock changes a user's lock state.
  admin_account_created: { type: SECURITY_ALERT, action: 'C', subtype: SECURITY_ROLES_CHANGED },
  admin_account_unlocked: { type: SECURITY_ALERT, action: 'U', subtype: USER_SECURITY_ATTRIBUTES_CHANGED },
  policy_changed: { type: APPLICATION_ACTIVITY, action: 'U' },
  attachments_scanned: { type: APPLICATION_ACTIVITY, action: 'E' },
};

const CLIENT_NAMES = { outlook: 'PHI Guard for Outlook', gmail: 'PHI Guard for Gmail', service: 'PHI Guard service' } as const;

/**
 * A stored event as a FHIR R4 AuditEvent: agents are the actor (requestor), the client
 * application and each recipient; the entity is the message by its opaque reference (the audit
 * log itself for service events). Only what the event holds: counts and codes, never content.
 */
export function toFhirAuditEvent(event: AuditEvent, options: { origin: string }): FhirAuditEvent {
  const mapping = KIND_MAPPING[event.kind];
  const details = [
    ...(Object.keys(event.phiKinds).length > 0
      ? [{ type: 'phiKinds', valueString: Object.entries(event.phiKinds).map(([kind, n]) => `${kind}=${n}`).join(';') }]
      : []),
    ...(event.action ? [{ type: 'decision', valueString: event.action }] : []),
    ...(event.reasonCodes.length > 0 ? [{ type: 'reasonCodes', valueString: event.reasonCodes.join(';') }] : []),
    ...(event.protection ? [{ type: 'protection', valueString: event.protection }] : []),
    ...(event.justification ? [{ type: 'justification', valueString: event.justification }] : []),
    ...(event.detail ? [{ type: 'detail', valueString: canonicalJson(event.detail) }] : []),
    { type: 'seq', valueString: String(event.seq) },
    { type: 'hash', valueString: event.hash },
  ];
  const why = mapping.outcome === undefined ? undefined : refusalReason(event);
  return {
    resourceType: 'AuditEvent',
    id: String(event.seq),
    type: mapping.type,
    subtype: [{ system: PHIGUARD_KIND_SYSTEM, code: event.kind }, ...(mapping.subtype ? [mapping.subtype] : [])],
    action: mapping.action,
    period: { start: event.time, end: event.time },
    recorded: event.recorded,
    outcome: mapping.outcome ?? '0',
    ...(why === undefined ? {} : { outcomeDesc: why }),
    agent: [
      { who: { identifier: { value: event.actor } }, requestor: true },
      {
        type: { coding: [{ system: DCM, code: '110150', display: 'Application' }] },
        who: { display: CLIENT_NAMES[event.client] },
        requestor: false,
      },
      ...event.recipients.map((address) => ({
        type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
        who: { identifier: { system: 'urn:ietf:rfc:3986', value: `mailto:${address}` } },
        requestor: false,
      })),
    ],
    source: {
      site: options.origin,
      observer: { display: CLIENT_NAMES.service },
      type: [{ system: SOURCE_TYPE, code: '4', display: 'Application Server' }],
    },
    entity: [
      {
        what: event.messageRef ? { identifier: { value: event.messageRef } } : { display: options.origin },
        type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
        detail: details,
      },
    ],
  };
}

/** Why an attempt was refused, as codes: a blocked send's reason codes, a failed sign-in's reason. */
function refusalReason(event: AuditEvent): string | undefined {
  if (event.reasonCodes.length > 0) return event.reasonCodes.join(';');
  return event.detail !== undefined && 'reason' in event.detail ? event.detail.reason : undefined;
}
