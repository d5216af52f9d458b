import { errors } from 'jose';

/** What the caller is told: the RFC 6750 error and the problem `type`. */
export type AuthErrorCode = 'missing_token' | 'invalid_token' | 'token_expired' | 'issuer_unavailable';

/** Why a token was refused, for the operator's log; never shown to the caller in more detail than the code. */
export type AuthReason =
  | 'no_bearer'
  | 'malformed'
  | 'unknown_issuer'
  | 'alg_not_allowed'
  | 'no_matching_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'claim_invalid'
  | 'tenant_not_allowed'
  | 'scope_missing'
  | 'domain_not_allowed'
  | 'email_not_verified'
  | 'keys_unavailable';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    readonly reason: AuthReason,
  ) {
    super(`${code} (${reason})`);
  }
}

export function invalidToken(reason: AuthReason): AuthError {
  return new AuthError('invalid_token', reason);
}

/**
 * A jose failure as an AuthError. Claim errors carry the token payload, so only their code and
 * claim name are kept. Failures to fetch the issuer's keys are not the caller's fault (503).
 */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError('token_expired', 'expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return invalidToken('wrong_audience');
    if (error.claim === 'iss') return invalidToken('wrong_issuer');
    if (error.claim === 'nbf') return invalidToken('not_yet_valid');
    return invalidToken('claim_invalid');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return invalidToken('alg_not_allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('bad_signature');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return invalidToken('no_matching_key');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JWKInvalid) {
    return invalidToken('malformed');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
    return new AuthError('issuer_unavailable', 'keys_unavailable');
  }
  return invalidToken('malformed');
}

/** createRemoteJWKSet surfaces network failures as fetch's TypeError or an AbortError. */
function isFetchFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError' || (error instanceof TypeError && 'cause' in error));
}
