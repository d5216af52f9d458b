/** Why a call to the PHI Guard service failed: every host treats them all as "the service cannot be reached". */
export type ServiceErrorCode = 'timeout' | 'unreachable' | 'http_status' | 'bad_response' | 'no_token';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
