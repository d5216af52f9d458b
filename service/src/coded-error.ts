/** An expected failure with a stable `code` that callers switch on (as jose's errors do). */
export class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
