/** Stable codes callers switch on; messages never quote event content. */
export type AuditErrorCode =
  /** An event or hold failed its schema; `issues` says where. */
  | 'invalid_input'
  /** A search cursor this log never handed out. */
  | 'invalid_cursor'
  /** The log is closed (shutting down). */
  | 'closed'
  | 'hold_not_found'
  /** The stored chain does not verify, so no checkpoint is signed over it; `seq` says where. */
  | 'chain_broken';

/** Where and which zod issue code; never the value. */
export interface AuditIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
}

export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly code: AuditErrorCode,
    message: string,
    readonly details: { issues?: readonly AuditIssue[]; seq?: number } = {},
  ) {
    super(message);
  }
}
