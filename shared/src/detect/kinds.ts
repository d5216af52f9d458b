import { z } from 'zod';

/** HIPAA Safe Harbor identifiers, 45 CFR 164.514(b)(2). Names are a public contract: never rename. */
export const IDENTIFIER_KINDS = [
  'NAME', 'ADDRESS', 'DATE', 'AGE', 'PHONE', 'FAX', 'EMAIL', 'SSN', 'MRN', 'HEALTH_PLAN_ID',
  'ACCOUNT', 'LICENSE', 'VEHICLE', 'DEVICE', 'URL', 'IP', 'BIOMETRIC', 'PHOTO', 'OTHER_ID',
] as const;

/** Health, care or payment-for-care information about a person. */
export const HEALTH_KINDS = ['CONDITION', 'MEDICATION', 'PROCEDURE', 'LAB', 'CODE', 'CARE'] as const;

export const KindSchema = z.enum([...IDENTIFIER_KINDS, ...HEALTH_KINDS]);
export type Kind = z.infer<typeof KindSchema>;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export type HealthKind = (typeof HEALTH_KINDS)[number];

export const CategorySchema = z.enum(['identifier', 'health']);
export type Category = z.infer<typeof CategorySchema>;

const healthKinds: ReadonlySet<Kind> = new Set(HEALTH_KINDS);

export function categoryOf(kind: Kind): Category {
  return healthKinds.has(kind) ? 'health' : 'identifier';
}
