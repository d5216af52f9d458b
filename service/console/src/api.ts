/** A problem+json answer (RFC 9457), as the service sends every error. */
export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly code?: string;
  readonly issues?: ReadonlyArray<{ path: string; code: string; message: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
}

let csrf = '';
/** The session's CSRF token, echoed on every change (the session cookie alone is not enough). */
export function setCsrf(token: string): void {
  csrf = token;
}

/** Calls the service with the console's session cookie; errors become ApiError with the problem. */
export async function api<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-phi-guard-csrf'] = csrf;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) {
    const p = (json ?? {}) as Partial<Problem>;
    throw new ApiError({ status: res.status, title: p.title ?? `The service answered ${res.status}`, ...(p.detail ? { detail: p.detail } : {}), ...(p.code ? { code: p.code } : {}), ...(p.issues ? { issues: p.issues } : {}) });
  }
  return json as T;
}

/** A query string from the filled-in fields only. */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
