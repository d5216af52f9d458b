import { CodedError } from '../coded-error.js';

export type CorrespondentErrorCode = 'invalid_domain';

export class CorrespondentError extends CodedError<CorrespondentErrorCode> {
  override readonly name = 'CorrespondentError';
}
