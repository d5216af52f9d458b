import { randomUUID } from 'node:crypto';
import { fakeCardService } from './fake-card-service.js';
import type { FakeGmail } from './fake-gmail.js';

/** A request as UrlFetchApp.fetch receives it. */
export interface FetchParams {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly contentType?: string;
  readonly payload?: string;
  readonly muteHttpExceptions?: boolean;
  readonly followRedirects?: boolean;
}

/** Where the fake UrlFetchApp sends requests: an in-process stand-in, or real HTTP. */
export type FetchHandler = (url: string, params: FetchParams) => { status: number; text: string };

export interface FakeAppsScriptOptions {
  readonly gmail: FakeGmail;
  readonly fetch: FetchHandler;
  /** urlFetchWhitelist from appsscript.json: anything else is refused, as in a deployed add-on. */
  readonly whitelist: readonly string[];
  readonly identityToken?: () => string;
  readonly user?: string;
  /** User properties refuse values longer than this (Apps Script: 9 KB). */
  readonly propertyLimit?: number;
}

const CHARSETS: Record<string, BufferEncoding> = { 'utf-8': 'utf8', utf8: 'utf8', 'us-ascii': 'ascii', 'iso-8859-1': 'latin1', 'windows-1252': 'latin1' };
/** Apps Script hands bytes back as Java's signed bytes. */
const signed = (buffer: Buffer) => [...buffer].map((b) => (b > 127 ? b - 256 : b));
const toBuffer = (data: string | number[]) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 255)));

/**
 * The Apps Script services the add-on uses, as globals for a V8 context (or globalThis). Requests
 * are recorded; properties are a Map.
 */
export function fakeAppsScript(options: FakeAppsScriptOptions) {
  const properties = new Map<string, string>();
  const requests: Array<{ url: string; params: FetchParams }> = [];
  const limit = options.propertyLimit ?? 9 * 1024;
  const globals = {
    CardService: fakeCardService(),
    Gmail: options.gmail.service(),
    UrlFetchApp: {
      fetch: (url: string, params: FetchParams = {}) => {
        if (!options.whitelist.some((prefix) => url.startsWith(prefix))) throw new Error(`URL not allowed by urlFetchWhitelist: ${url}`);
        requests.push({ url, params });
        const { status, text } = options.fetch(url, params);
        if (status >= 400 && !params.muteHttpExceptions) throw new Error(`Request failed for ${url} returned code ${status}`);
        return { getResponseCode: () => status, getContentText: () => text };
      },
    },
    ScriptApp: { getIdentityToken: options.identityToken ?? (() => 'test-token') },
    Session: { getActiveUser: () => ({ getEmail: () => options.user ?? 'dr.lee@cityclinic.example' }) },
    PropertiesService: {
      getUserProperties: () => ({
        getProperty: (key: string) => properties.get(key) ?? null,
        setProperty: (key: string, value: string) => {
          if (value.length > limit) throw new Error('Argument too large: value');
          properties.set(key, value);
        },
      }),
    },
    Utilities: {
      Charset: { UTF_8: 'UTF-8' },
      base64DecodeWebSafe: (data: string) => signed(Buffer.from(data, 'base64url')),
      base64Encode: (data: string | number[]) => toBuffer(data).toString('base64'),
      base64EncodeWebSafe: (data: string | number[]) => toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      newBlob: (data: number[]) => ({ getDataAsString: (charset = 'utf-8') => toBuffer(data).toString(CHARSETS[charset.toLowerCase()] ?? 'utf8') }),
      getUuid: () => randomUUID(),
    },
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  return { globals, properties, requests };
}
