import { CodedError } from '../coded-error.js';

/**
 * `stored_policy_invalid`: the newest stored version no longer passes the core's checks (only a
 * schema change between releases can cause it); `invalid_note`: a note the routes would have refused.
 */
export type PolicyStoreErrorCode = 'stored_policy_invalid' | 'invalid_note';

export class PolicyStoreError extends CodedError<PolicyStoreErrorCode> {
  override readonly name = 'PolicyStoreError';
}
