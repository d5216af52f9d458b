import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { ProblemError } from '../http/problem.js';
import { problemResponse } from '../http/problem-docs.js';
import type { RouteModule } from '../http/route-registry.js';

/** The console's files (service/console, built by `npm run build`), and their types. */
const CONSOLE_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * The console loads nothing from anywhere else: its own script and stylesheet, its own APIs. No
 * inline script or style, no framing. Sign-in with Microsoft or Google is a top-level navigation.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The admin console at /admin: one page and its two assets. */
export function adminConsoleRoutes(deps: { readonly consoleDir: string }): RouteModule {
  const router = Router();
  const serve = (file: string) => async (_req: unknown, res: import('express').Response) => {
    const body = await readFile(join(deps.consoleDir, file)).catch(() => {
      throw new ProblemError('console_not_built', 404, 'The admin console is not built', 'Run `npm run build` first.');
    });
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.type(CONSOLE_FILES[file]!).send(body);
  };
  router.get('/admin', serve('index.html'));
  router.get('/admin/console.js', serve('console.js'));
  router.get('/admin/console.css', serve('console.css'));
  const doc = (path: string, file: string, summary: string) => ({
    method: 'get' as const,
    path,
    operation: {
      operationId: `getAdminConsole${file.replace(/\W/g, '')}`,
      tags: ['admin'],
      summary,
      responses: {
        '200': { description: 'The file', content: { [CONSOLE_FILES[file]!.split(';')[0]!]: { schema: z.string() } } },
        '404': problemResponse('Not built yet (console_not_built)'),
      },
    },
  });
  return {
    prefix: '/',
    router,
    routes: [
      doc('/admin', 'index.html', 'The admin console (sign-in, policy, audit, integrity, holds, registries)'),
      doc('/admin/console.js', 'console.js', 'The admin console script'),
      doc('/admin/console.css', 'console.css', 'The admin console stylesheet'),
    ],
  };
}
