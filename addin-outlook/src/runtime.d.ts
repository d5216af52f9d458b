// The globals Outlook's event runtime offers besides Office.js. Classic Outlook on Windows runs the
// on-send handler in a JavaScript-only runtime: no DOM, no localStorage, no cookies — so the
// on-send code is type-checked without the DOM library and may use only what is declared here.

interface RuntimeResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

declare function fetch(
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RuntimeResponse>;

declare function setTimeout(handler: () => void, ms: number): number;
declare function clearTimeout(id: number | undefined): void;
