import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { oas31 } from 'zod-openapi';
import type { AuditLog } from './audit/audit-log.js';
import { meRoutes } from './auth/me-route.js';
import { createRequireRole, type RequireRole } from './auth/require-role.js';
import { createAdmin, type Admin } from './admin/services.js';
import { adminSessionRoutes, DEFAULT_ADMIN_SIGN_IN_RATE_LIMIT } from './routes/admin-session.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { Config } from './config.js';
import type { Clock } from './http/clock.js';
import { createCors } from './http/cors.js';
import type { Logger } from './http/logger.js';
import { createHttpMetrics } from './http/metrics.js';
import { createOpenApiDocument } from './http/openapi.js';
import { notFound, problemHandler } from './http/problem.js';
import { createRateLimit, type RateLimitStore } from './http/rate-limit.js';
import { requestId } from './http/request-id.js';
import { logServerErrors, requestLog } from './http/request-log.js';
import { mountRoutes, type RouteModule } from './http/route-registry.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { adminOidcFromConfig, createAdminOidc } from './admin/oidc.js';
import { adminAuthRoutes } from './routes/admin-auth.js';
import { describeError } from './http/request-log.js';
import { addinRoutes, apiScope } from './routes/addins.js';
import { auditRoutes } from './routes/audit.js';
import { devRoutes } from './routes/dev.js';
import { healthRoutes } from './routes/health.js';
import { openApiRoutes } from './routes/openapi.js';
import type { Store } from './store/store.js';
import type { Policy } from '@phiguard/core';
import { createNet, type Net } from './net/net.js';
import { createCapabilityCache } from './recipients/capability-cache.js';
import { networkFetchers, registrySources } from './recipients/sources.js';
import type { Registries } from './registries.js';
import { consentRoutes } from './routes/consents.js';
import { correspondentRoutes } from './routes/correspondents.js';
import { keyRoutes } from './routes/keys.js';
import { openPgpKeyRoutes } from './routes/openpgp-keys.js';
import { isMessageUpload, messageRoutes } from './routes/messages.js';
import { DEFAULT_PORTAL_RATE_LIMIT, portalRoutes } from './routes/portal.js';
import type { Portal } from './portal/services.js';
import { policyRoutes } from './routes/policy.js';
import { adminPolicyRoutes } from './routes/admin-policy.js';
import { createPolicySource, policySeed, type PolicySource } from './policy-store/policy-source.js';
import { createPolicyStore } from './policy-store/policy-store.js';
import { recipientRoutes } from './routes/recipients.js';
import { isAttachmentScan, scanAttachmentRoutes } from './routes/scan-attachments.js';
import { createExtractor, type Extractor } from './attachments/extractor.js';

/** Everything the app needs, passed in so tests run it in-process with fakes or a temp store. */
export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  /** Readiness only; routes reach data through the audit log and other services. */
  readonly store: Pick<Store, 'ping'>;
  readonly auditLog: AuditLog;
  readonly registries: Registries;
  readonly portal: Portal;
  /** Where recipients open portal links: `config.portal.publicUrl`, else the service's own URL once listening. */
  readonly publicUrl: () => string;
  /** The organisation's policy from its file; DEFAULT_POLICY when absent. In force until an admin saves one. */
  readonly policy?: Policy;
  /**
   * Where every route takes the policy from (server.ts passes one it refreshes); when absent, one
   * over the registries' store seeded with `policy`, updated only by this app's own saves.
   */
  readonly policySource?: PolicySource;
  /** Outbound lookups (DNS, HTTPS, SMTP); built from `config.lookup` when absent. */
  readonly net?: Net;
  readonly verifier: TokenVerifier;
  /**
   * The admin console's sessions and break-glass accounts; when absent, built from the
   * configuration over the registries' store (its TOTP key read from the data folder on first use).
   */
  readonly admin?: Admin;
  readonly clock: Clock;
  /** Redis-backed counters when REDIS_URL is set; per process otherwise. */
  readonly rateLimitStore?: RateLimitStore;
  /** Set by server.ts once shutdown begins, so /readyz turns traffic away. */
  readonly isDraining?: () => boolean;
  /**
   * Attachment extraction for POST /v1/scan/attachments and portal uploads; server.ts passes one it closes on
   * shutdown (ending its threads and OCR workers). When absent, one whose threads start on the first file.
   */
  readonly extractor?: Extractor;
}

/**
 * The Express app, not listening (server.ts listens). Order matters: request id → request log
 * and metrics → helmet → CORS → rate limit (before the body parser, so rejected bodies count)
 * → JSON body → routes → 404 → problem+json.
 */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  const metrics = createHttpMetrics();
  app.use(requestId());
  app.use(requestLog(logger));
  app.use(metrics.middleware);
  app.use(helmet());
  app.use(createCors(config.corsOrigins));
  app.use(
    createRateLimit({
      windowSeconds: config.rateLimit.windowSeconds,
      limit: config.rateLimit.limit,
      logger,
      ...(deps.rateLimitStore === undefined ? {} : { store: deps.rateLimitStore }),
    }),
  );
  // Portal message uploads and attachment scans are larger than any other body; their routes parse them with their own limits.
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      type: (req) => !isMessageUpload(req as Request) && !isAttachmentScan(req as Request) && isJson(req as Request),
    }),
  );

  const admin = deps.admin ?? createAdmin({ config, store: deps.registries.store, auditLog: deps.auditLog, now: () => deps.clock.now() });
  // A console session cookie is accepted wherever a bearer token is.
  const requireRole: RequireRole = createRequireRole(deps.verifier, logger, admin.sessions);
  const policySource =
    deps.policySource ??
    createPolicySource({
      policies: createPolicyStore({ store: deps.registries.store, auditLog: deps.auditLog, now: () => deps.clock.now() }),
      seed: policySeed(deps.policy),
    });
  const policy = () => policySource.current().policy;
  const { lookup } = config;
  const net = deps.net ?? createNet({ dnsServers: lookup.dnsServers, maxResponseBytes: lookup.maxResponseBytes, testing: lookup.testing });
  const now = () => deps.clock.now();
  const lookupOptions = {
    sources: registrySources({ ...deps.registries }),
    cache: createCapabilityCache({ fetchers: networkFetchers({ net, trustDnssec: lookup.trustDnssec, starttlsProbe: lookup.starttlsProbe, now }), now }),
    deadlineMs: lookup.deadlineMs,
    now,
    ...(lookup.freeMailDomains === undefined ? {} : { freeMailDomains: lookup.freeMailDomains }),
  };
  // One for the attachment scan and portal uploads: one OCR engine and one set of threads per process.
  const extractor = deps.extractor ?? createExtractor({ heic: config.attachments.heic });
  let document: oas31.OpenAPIObject | undefined;
  // The add-in's and the console's files, which set their own caching.
  const files: RouteModule[] = [
    addinRoutes({
      outlookDir: config.outlookAddinDir,
      publicUrl: deps.publicUrl,
      ...(config.auth.microsoft?.addinClientId
        ? { microsoft: { clientId: config.auth.microsoft.addinClientId, scope: apiScope(config.auth.microsoft) } }
        : {}),
    }),
    adminConsoleRoutes({ consoleDir: config.adminConsoleDir }),
  ];
  const modules: RouteModule[] = [
    healthRoutes({ store: deps.store, isDraining: deps.isDraining ?? (() => false), metrics: metrics.registry, logger }),
    openApiRoutes(() => document!),
    meRoutes(requireRole),
    auditRoutes({ auditLog: deps.auditLog, requireRole }),
    policyRoutes({ requireRole, policy }),
    adminPolicyRoutes({ source: policySource, requireRole }),
    recipientRoutes({ requireRole, maxRecipients: lookup.maxRecipients, lookupOptions: () => ({ ...lookupOptions, policy: policy() }) }),
    scanAttachmentRoutes({ requireRole, extractor, auditLog: deps.auditLog, policy }),
    keyRoutes({ registry: deps.registries.keys, requireRole, now }),
    openPgpKeyRoutes({ registry: deps.registries.keys, requireRole, net, now }),
    consentRoutes({ registry: deps.registries.consents, requireRole }),
    correspondentRoutes({ correspondents: deps.registries.correspondents, requireRole }),
    messageRoutes({
      messages: deps.portal.messages,
      requireRole,
      policy,
      extractor,
      publicUrl: deps.publicUrl,
      maxMessageBytes: config.portal.maxMessageBytes,
      now,
    }),
    portalRoutes({
      ...deps.portal,
      logger,
      now,
      rateLimit: { ...DEFAULT_PORTAL_RATE_LIMIT, ...(deps.portal.rateLimitStore ? { store: deps.portal.rateLimitStore } : {}) },
    }),
    adminAuthRoutes({
      oidc: createAdminOidc({
        ...adminOidcFromConfig(config),
        onUnavailable: (provider, error) => logger.warn({ provider, err: describeError(error) }, 'sign-in provider unavailable'),
      }),
      sessions: admin.sessions,
      auditLog: deps.auditLog,
      publicUrl: deps.publicUrl,
      logger,
      secureCookie: admin.secureCookie,
    }),
    adminSessionRoutes({
      sessions: admin.sessions,
      localAccounts: admin.localAccounts,
      verifier: deps.verifier,
      auditLog: deps.auditLog,
      logger,
      now: () => deps.clock.now(),
      secureCookie: admin.secureCookie,
      rateLimit: { ...DEFAULT_ADMIN_SIGN_IN_RATE_LIMIT, ...(admin.rateLimitStore ? { store: admin.rateLimitStore } : {}) },
    }),
  ];
  if (config.dev) modules.push(devRoutes({ dataDir: config.dataDir, clock: deps.clock }));
  mountRoutes(app, files);
  // Everything else (API answers, portal pages, errors) may carry PHI or a session: never stored by a browser or proxy.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  mountRoutes(app, modules);
  // Built now, so a route documented twice fails at start-up rather than on the first request.
  document = createOpenApiDocument([...files, ...modules]);

  app.use(notFound);
  app.use(logServerErrors(logger));
  app.use(problemHandler);
  return app;
}

function isJson(req: Request): boolean {
  return typeof req.is(['application/json', 'application/*+json']) === 'string';
}
