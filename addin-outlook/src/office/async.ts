/** Office.js's error from a failed AsyncResult, with its stable code. */
export class OfficeCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'OfficeCallError';
  }
}

/** Office's callback style as a promise: `await officeAsync((cb) => item.subject.getAsync(cb))`. */
export function officeAsync<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new OfficeCallError(String(result.error?.code ?? 'unknown'), result.error?.message ?? 'Office call failed'));
    });
  });
}
