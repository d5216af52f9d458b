import { PolicySchema, type Policy } from './schema.js';

/** What hosts use when the organisation has not written a policy: every field at its safe default. */
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});
