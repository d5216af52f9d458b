import { CodedError } from '../coded-error.js';

export type ConsentErrorCode =
  /** A consent failed its schema; `issues` says where. */
  | 'invalid_input'
  | 'consent_not_found'
  | 'already_revoked'
  /** A list cursor this registry never handed out. */
  | 'invalid_cursor'
  /** Whole-file CSV problems: nothing was imported. */
  | 'csv_too_large'
  | 'csv_too_many_rows'
  | 'csv_empty'
  /** The header lacks required columns; `columns` names them. */
  | 'csv_missing_columns'
  | 'csv_duplicate_column'
  /** A quote is never closed, so the rest of the file can't be read. */
  | 'csv_malformed';

/** Where and which zod issue code, or which CSV columns; never a value. */
export interface ConsentErrorDetails {
  readonly issues?: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly code: string }>;
  readonly columns?: readonly string[];
}

export class ConsentError extends CodedError<ConsentErrorCode> {
  override readonly name = 'ConsentError';
  constructor(
    code: ConsentErrorCode,
    message: string,
    readonly details: ConsentErrorDetails = {},
  ) {
    super(code, message);
  }
}
