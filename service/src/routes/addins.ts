import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { ProblemError } from '../http/problem.js';
import { jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';

/** What the add-in build leaves for the service to fill in (addin-outlook/src/service/url.ts, src/auth/served-settings.ts). */
export const SERVICE_URL_PLACEHOLDER = '__PHIGUARD_SERVICE_URL__';
export const MS_CLIENT_ID_PLACEHOLDER = '__PHIGUARD_MS_CLIENT_ID__';
export const MS_SCOPE_PLACEHOLDER = '__PHIGUARD_MS_SCOPE__';

/** The Outlook add-in's files the service serves, and their types. */
const OUTLOOK_FILES: Readonly<Record<string, string>> = {
  'onsend.js': 'text/javascript; charset=utf-8',
  'launchevent.html': 'text/html; charset=utf-8',
  'taskpane.html': 'text/html; charset=utf-8',
  'taskpane.js': 'text/javascript; charset=utf-8',
  'taskpane.css': 'text/css; charset=utf-8',
  'pgp.js': 'text/javascript; charset=utf-8',
};

/**
 * The task pane's extraction worker and the OCR files it loads on the first image: served as built
 * (nothing to fill in, and megabytes each), revalidated by ETag.
 */
const OUTLOOK_WORKER_FILE = 'extract-worker.js';
const OCR_FILES: Readonly<Record<string, string>> = {
  'worker.min.js': 'text/javascript; charset=utf-8',
  'tesseract-core-lstm.wasm.js': 'text/javascript; charset=utf-8',
  'tesseract-core-simd-lstm.wasm.js': 'text/javascript; charset=utf-8',
  'tesseract-core-relaxedsimd-lstm.wasm.js': 'text/javascript; charset=utf-8',
  // tesseract.js unzips the model itself, so it is sent as a file, not with Content-Encoding.
  'eng.traineddata.gz': 'application/gzip',
};

/** A worker's own policy (its script's response sets it): same-origin scripts and fetches, and WebAssembly for Tesseract. */
export const WORKER_CSP = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"].join('; ');

/**
 * Outlook's pages are framed by Outlook on the web and load Office.js from Microsoft's CDN, so they
 * get their own policy instead of helmet's same-origin default.
 */
export const ADDIN_CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  'frame-ancestors https://*.office.com https://*.office365.com https://*.officeapps.live.com https://*.outlook.com https://outlook.live.com',
].join('; ');

export interface AddinRouteDeps {
  /** The built Outlook add-in (addin-outlook/dist). */
  readonly outlookDir: string;
  readonly publicUrl: () => string;
  /** Nested app authentication: the add-in's client id and the API scope it requests; absent without Microsoft settings. */
  readonly microsoft?: { readonly clientId: string; readonly scope: string };
}

/** The scope an add-in requests for the service API: the API's ID URI (or api://<app id>) and the delegated scope. */
export function apiScope(microsoft: { audiences: readonly string[]; scope: string }): string {
  const uri = microsoft.audiences.find((a) => a.includes('://')) ?? `api://${microsoft.audiences[0]}`;
  return `${uri.replace(/\/+$/, '')}/${microsoft.scope}`;
}

/** The add-in's icons (drawn in manifest/assets, copied into the build). */
const ICONS = ['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png', 'icon-128.png', 'color.png', 'outline.png'] as const;

const FileParamsSchema = z.object({ file: z.enum([OUTLOOK_WORKER_FILE, ...Object.keys(OUTLOOK_FILES)] as [string, ...string[]]) });
const OcrParamsSchema = z.object({ file: z.enum(Object.keys(OCR_FILES) as [string, ...string[]]) });
const IconParamsSchema = z.object({ icon: z.enum(ICONS) });
const AllowedOriginsSchema = z.object({ allowed: z.array(z.string()) }).meta({ id: 'OfficeAddinsAllowed' });

/**
 * The add-in files, with the service's public URL written in (one build serves every deployment),
 * and `/.well-known/microsoft-officeaddins-allowed.json`, which lets classic Outlook's
 * JavaScript-only runtime call this service.
 */
export function addinRoutes(deps: AddinRouteDeps): RouteModule {
  const router = Router();
  router.get('/addin/outlook/:file', async (req, res) => {
    const { file } = parseRequest(FileParamsSchema, req.params, 'params');
    if (file === OUTLOOK_WORKER_FILE) return sendBuilt(res, file, 'text/javascript; charset=utf-8');
    let text: string;
    try {
      text = await readFile(join(deps.outlookDir, file), 'utf8');
    } catch {
      throw notBuilt();
    }
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', ADDIN_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    const filled = text
      .replaceAll(SERVICE_URL_PLACEHOLDER, deps.publicUrl())
      .replaceAll(MS_CLIENT_ID_PLACEHOLDER, deps.microsoft?.clientId ?? '')
      .replaceAll(MS_SCOPE_PLACEHOLDER, deps.microsoft?.scope ?? '');
    res.type(OUTLOOK_FILES[file]!).send(filled);
  });
  router.get('/addin/outlook/ocr/:file', async (req, res) => {
    const { file } = parseRequest(OcrParamsSchema, req.params, 'params');
    await sendBuilt(res, `ocr/${file}`, OCR_FILES[file]!);
  });
  router.get('/addin/outlook/assets/:icon', async (req, res) => {
    const { icon } = parseRequest(IconParamsSchema, req.params, 'params');
    const png = await readFile(join(deps.outlookDir, 'assets', icon)).catch(() => {
      throw notBuilt();
    });
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/png').send(png);
  });
  /** A built file as it is, with ETag and Last-Modified so a reopened pane revalidates instead of downloading megabytes again. */
  function sendBuilt(res: Response, path: string, type: string): Promise<void> {
    res.setHeader('Content-Security-Policy', WORKER_CSP);
    res.type(type);
    return new Promise((resolve, reject) => {
      res.sendFile(join(deps.outlookDir, path), { headers: { 'Cache-Control': 'no-cache' }, cacheControl: false }, (error) => {
        if (error && !res.headersSent) reject(notBuilt());
        else resolve();
      });
    });
  }
  // Anyone opening the service's address gets the task pane in demo mode: try PHI Guard in a browser.
  router.get('/', (_req, res) => res.redirect(302, '/addin/outlook/taskpane.html'));
  router.get('/.well-known/microsoft-officeaddins-allowed.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    // Classic Outlook's JavaScript-only runtime checks the event script's own URL against this list
    // (learn.microsoft.com/office/dev/add-ins/develop/use-sso-in-event-based-activation).
    res.json({ allowed: [deps.publicUrl(), `${deps.publicUrl()}/addin/outlook/onsend.js`] });
  });
  return {
    prefix: '/',
    router,
    routes: [
      {
        method: 'get',
        path: '/addin/outlook/{file}',
        operation: {
          operationId: 'getOutlookAddinFile',
          tags: ['add-ins'],
          summary: 'A file of the Outlook add-in (on-send script, event runtime page)',
          requestParams: { path: FileParamsSchema },
          responses: {
            '200': { description: 'The file, with this service address written in', content: { 'text/javascript': { schema: z.string() }, 'text/html': { schema: z.string() } } },
            '404': problemResponse('Not built yet (addin_not_built)'),
          },
        },
      },
      {
        method: 'get',
        path: '/addin/outlook/ocr/{file}',
        operation: {
          operationId: 'getOutlookOcrFile',
          tags: ['add-ins'],
          summary: "A file the task pane's OCR loads on the first image: tesseract.js's worker, its wasm core, the English model",
          requestParams: { path: OcrParamsSchema },
          responses: {
            '200': {
              description: 'The file as installed',
              content: { 'text/javascript': { schema: z.string() }, 'application/gzip': { schema: z.string().meta({ format: 'binary' }) } },
            },
            '404': problemResponse('Not built yet (addin_not_built)'),
          },
        },
      },
      {
        method: 'get',
        path: '/addin/outlook/assets/{icon}',
        operation: {
          operationId: 'getOutlookAddinIcon',
          tags: ['add-ins'],
          summary: 'An icon the add-in manifests point at',
          requestParams: { path: IconParamsSchema },
          responses: {
            '200': { description: 'The PNG', content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } } },
            '404': problemResponse('Not built yet (addin_not_built)'),
          },
        },
      },
      {
        method: 'get',
        path: '/',
        operation: {
          operationId: 'home',
          tags: ['add-ins'],
          summary: 'Redirects to the task pane, which runs in demo mode outside Outlook',
          responses: { '302': { description: 'To /addin/outlook/taskpane.html' } },
        },
      },
      {
        method: 'get',
        path: '/.well-known/microsoft-officeaddins-allowed.json',
        operation: {
          operationId: 'getOfficeAddinsAllowed',
          tags: ['add-ins'],
          summary: 'Origins whose add-in code may call this service from Outlook\'s JavaScript-only runtime',
          responses: { '200': { description: 'This service\'s own origin', content: jsonContent(AllowedOriginsSchema) } },
        },
      },
    ],
  };
}

function notBuilt(): ProblemError {
  return new ProblemError('addin_not_built', 404, 'The Outlook add-in has not been built', 'Run npm run build.');
}
