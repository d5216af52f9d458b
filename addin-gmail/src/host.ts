// What the add-on needs from Apps Script, narrowed to the calls it makes. main.ts binds the real
// services (apps-script-host.ts); tests pass typed fakes.

export interface HttpRequest {
  readonly method: 'get' | 'post';
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
}

/** Gmail's advanced service (Gmail API v1) as the add-on uses it, for the signed-in user. */
export interface GmailApi {
  listDrafts(maxResults: number): GoogleAppsScript.Gmail.Schema.Draft[];
  getDraft(id: string, format: 'metadata' | 'full'): GoogleAppsScript.Gmail.Schema.Draft;
  /** An attachment's body, fetched separately when the draft holds only its id. */
  getAttachment(messageId: string, attachmentId: string): GoogleAppsScript.Gmail.Schema.MessagePartBody;
  /** Replaces the draft's content with this RFC 5322 message (base64url) and sends it. */
  replaceAndSend(draftId: string, raw: string, threadId: string | undefined): void;
}

/** A string store for the signed-in user (Apps Script user properties). */
export interface UserStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface Host {
  /** The PHI Guard service's origin, fixed at build time from manifest/addin.json. */
  readonly serviceUrl: string;
  fetch(url: string, request: HttpRequest): HttpResponse;
  /** The user's Google ID token for the service (ScriptApp.getIdentityToken). */
  identityToken(): string;
  /** The signed-in user's address. */
  userEmail(): string;
  readonly gmail: GmailApi;
  readonly store: UserStore;
  /** Text from Gmail API body data (base64url, or the bytes Apps Script may hand back). */
  decodeText(data: string | number[], charset: string): string;
  /** Standard base64 of Gmail API body data, as the service takes attachments. */
  toBase64(data: string | number[]): string;
  /** base64url of UTF-8 text, as the Gmail API takes a raw message. */
  encodeRaw(text: string): string;
  now(): Date;
  newId(): string;
}
