/** Memoizes a successful result, shared by every caller; a failure (a provider down) is tried again on the next call. */
export function onceSuccessful<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
