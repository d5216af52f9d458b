import { formatIssuePath } from '@phiguard/core';
import { z } from 'zod';

/**
 * How Outlook treats a send when the check fails or cannot run
 * (learn.microsoft.com, "Handle OnMessageSend and OnAppointmentSend events in your Outlook add-in with Smart Alerts").
 * Block also holds mail when the add-in cannot load; Marketplace validation rejects it, so it is for
 * admin (centralized) deployment only.
 */
const SendModeSchema = z.enum(['PromptUser', 'SoftBlock', 'Block']);
export type SendMode = z.infer<typeof SendModeSchema>;

// XML 1.0 cannot carry control characters, lone surrogates or U+FFFE/U+FFFF, and no display text needs them.
const TextSchema = z
  .string()
  .trim()
  .min(1)
  .regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, { error: 'Control characters are not allowed.' });

const PUBLIC_HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * An https address Outlook can load pages from: a public DNS name, or `https://localhost:<port>`
 * for a developer's sideloaded copy. No credentials, query or fragment, since the manifest
 * appends file paths to it. Normalised without a trailing slash.
 */
const HttpsUrlSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const problem = httpsUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'invalid_url' } });
  })
  .transform((text) => new URL(text).href.replace(/\/+$/, ''));

function httpsUrlProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return 'Expected an absolute URL such as https://phiguard.example.org.';
  const url = new URL(text);
  if (url.protocol !== 'https:') return 'Outlook loads add-ins only over https.';
  if (url.username || url.password || /[?#]/.test(text)) return 'Give the URL without credentials, query or fragment.';
  if (url.hostname === 'localhost') return url.port ? undefined : 'A localhost URL needs its port, e.g. https://localhost:3000.';
  if (!PUBLIC_HOST.test(url.hostname)) return 'Expected a public DNS name (or https://localhost:<port> for sideloading).';
  return undefined;
}

/** The one source of truth both manifests are generated from (`manifest/addin.json`). */
export const AddinConfigSchema = z.strictObject({
  /** The add-in's identity in Exchange; changing it makes a different add-in. */
  id: z.guid(),
  /** MAJOR.MINOR.PATCH: the unified manifest requires three parts, the XML manifest accepts them. */
  version: z.string().regex(/^\d{1,5}\.\d{1,5}\.\d{1,5}$/, { error: 'Expected MAJOR.MINOR.PATCH, e.g. 1.0.0.' }),
  // Limits are the tighter of the two manifests: unified name.full 100, name.short 30, description.short 80, developer.name 32.
  name: TextSchema.max(100),
  shortName: TextSchema.max(30),
  description: TextSchema.max(80),
  providerName: TextSchema.max(32),
  /** The PHI Guard service; the add-in's pages are served under `<serviceUrl>/addin/outlook/`. */
  serviceUrl: HttpsUrlSchema,
  sendMode: SendModeSchema.default('SoftBlock'),
  /** Where users get help; defaults to the service URL. The unified manifest also needs privacy and terms pages. */
  supportUrl: HttpsUrlSchema.optional(),
  privacyUrl: HttpsUrlSchema.optional(),
  termsOfUseUrl: HttpsUrlSchema.optional(),
  /**
   * The Microsoft Entra app exposing the service's `access_as_user` scope (one registration: the
   * add-in's own), for Office SSO in the on-send check: the manifests then carry WebApplicationInfo.
   * Its Application ID URI must be `api://<service host>/<client id>`.
   */
  microsoft: z
    .strictObject({ clientId: z.guid({ error: 'Expected the application (client) id, a GUID.' }).transform((id) => id.toLowerCase()) })
    .optional(),
});
export type AddinConfig = z.infer<typeof AddinConfigSchema>;

/** One problem in an add-in config: the field path (`serviceUrl`), a stable code, text for the admin. */
export interface ConfigIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type ConfigResult = { ok: true; config: AddinConfig } | { ok: false; issues: ConfigIssue[] };

/** Validates an add-in config and fills defaults; never throws. */
export function parseAddinConfig(input: unknown): ConfigResult {
  const result = AddinConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, issues: result.error.issues.map(toIssue) };
}

function toIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const custom = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path;
  return { path: formatIssuePath(path), code: custom ?? issue.code, message: issue.message };
}
