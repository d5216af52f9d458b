/** A copy without the members whose value is undefined, so stored and returned objects read the same. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
