import type { Host } from './host.js';

/** Fixed at build time from manifest/addin.json (webpack DefinePlugin), like the manifest's urlFetchWhitelist. */
declare const PHIGUARD_SERVICE_URL: string;

type Bytes = string | number[];

/** The real Apps Script services behind the add-on's Host. */
export function appsScriptHost(): Host {
  const gmail = Gmail;
  if (!gmail?.Users?.Drafts || !gmail.Users.Messages?.Attachments) throw new Error('The Gmail advanced service is not enabled for this script (appsscript.json dependencies).');
  const { Drafts } = gmail.Users;
  const { Attachments } = gmail.Users.Messages;
  const properties = PropertiesService.getUserProperties();
  // Gmail API body data is base64url; Apps Script may also hand back the bytes themselves.
  const bytes = (data: Bytes) => (typeof data === 'string' ? Utilities.base64DecodeWebSafe(data) : data);
  return {
    serviceUrl: PHIGUARD_SERVICE_URL,
    fetch: (url, request) => {
      const { 'content-type': contentType, ...headers } = request.headers;
      const response = UrlFetchApp.fetch(url, {
        method: request.method,
        headers,
        ...(contentType ? { contentType } : {}),
        ...(request.payload === undefined ? {} : { payload: request.payload }),
        muteHttpExceptions: true,
        followRedirects: false,
      });
      return { status: response.getResponseCode(), text: response.getContentText() };
    },
    identityToken: () => ScriptApp.getIdentityToken(),
    userEmail: () => Session.getActiveUser().getEmail(),
    gmail: {
      listDrafts: (maxResults) => Drafts.list('me', { maxResults }).drafts ?? [],
      getDraft: (id, format) => Drafts.get('me', id, { format }),
      getAttachment: (messageId, attachmentId) => Attachments.get('me', messageId, attachmentId),
      replaceAndSend: (draftId, raw, threadId) => {
        Drafts.update({ id: draftId, message: { raw, ...(threadId ? { threadId } : {}) } }, 'me', draftId);
        Drafts.send({ id: draftId }, 'me');
      },
    },
    store: { get: (key) => properties.getProperty(key), set: (key, value) => void properties.setProperty(key, value) },
    decodeText: (data, charset) => Utilities.newBlob(bytes(data)).getDataAsString(charset),
    toBase64: (data) => Utilities.base64Encode(bytes(data)),
    encodeRaw: (text) => Utilities.base64EncodeWebSafe(text, Utilities.Charset.UTF_8),
    now: () => new Date(),
    newId: () => Utilities.getUuid(),
  };
}
