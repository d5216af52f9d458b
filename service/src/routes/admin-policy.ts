import { Router } from 'express';
import { parsePolicy } from '@phiguard/core';
import { z } from 'zod';
import { actorOf } from '../audit/actor.js';
import { principalOf, type RequireRole } from '../auth/require-role.js';
import { ProblemError } from '../http/problem.js';
import { AUTH_PROBLEMS, BEARER_AUTH, ProblemSchema, jsonContent, problemResponse } from '../http/problem-docs.js';
import type { RouteDoc, RouteModule } from '../http/route-registry.js';
import { parseRequest } from '../http/validate.js';
import type { EffectivePolicy, PolicySource } from '../policy-store/policy-source.js';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT, type RevertResult } from '../policy-store/policy-store.js';
import { PolicyInputSchema, PolicyNoteSchema, PolicyVersionInfoSchema, StoredPolicySchema } from '../policy-store/schema.js';
import { PolicyDocSchema } from './policy.js';

export const ADMIN_POLICY_PREFIX = '/v1/admin/policy';

const PolicyIssueSchema = z
  .object({
    /** Where in the policy: `organisation.domains[1]`; empty for the whole policy. */
    path: z.string(),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'PolicyIssue' });

export const PolicySaveSchema = z.strictObject({ policy: PolicyInputSchema, note: PolicyNoteSchema.optional() }).meta({ id: 'PolicySave' });
export const PolicyValidateSchema = z.strictObject({ policy: PolicyInputSchema }).meta({ id: 'PolicyValidate' });
export const PolicyRevertSchema = z
  .strictObject({ version: z.number().int().min(1), note: PolicyNoteSchema.optional() })
  .meta({ id: 'PolicyRevert' });
export const PolicyHistoryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_LIMIT).default(DEFAULT_HISTORY_LIMIT),
  /** The last `version` of the previous page. */
  before: z.coerce.number().int().min(1).optional(),
});
export const PolicyVersionParamsSchema = z.object({ version: z.coerce.number().int().min(1) });

export const AdminPolicySchema = z
  .object({
    /** 0 when the policy in force is not from the store. */
    version: z.number().int().min(0),
    source: z.enum(['store', 'file', 'default']),
    /** What the service applies: every default filled in. */
    policy: PolicyDocSchema,
    /** What to edit: the stored version as the admin wrote it; for the file or default, the effective policy. */
    input: PolicyInputSchema,
    createdAt: z.string().optional(),
    createdBy: z.string().optional(),
    note: z.string().optional(),
    revertedFrom: z.number().int().optional(),
  })
  .meta({ id: 'AdminPolicy' });
export const PolicyValidationSchema = z
  .object({
    ok: z.boolean(),
    issues: z.array(PolicyIssueSchema),
    /** The policy with every default filled in, when it is valid. */
    effective: PolicyDocSchema.optional(),
  })
  .meta({ id: 'PolicyValidation' });
export const PolicyHistorySchema = z.object({ versions: z.array(PolicyVersionInfoSchema) }).meta({ id: 'PolicyHistory' });
const InvalidPolicyProblemSchema = ProblemSchema.extend({ issues: z.array(PolicyIssueSchema) }).meta({ id: 'InvalidPolicyProblem' });

export interface AdminPolicyRouteDeps {
  readonly source: PolicySource;
  readonly requireRole: RequireRole;
}

/** Editing the organisation's policy with its version history, relative to ADMIN_POLICY_PREFIX. */
export function adminPolicyRouter(deps: AdminPolicyRouteDeps): Router {
  const { source, requireRole } = deps;
  const { policies } = source;
  const router = Router();
  const admin = requireRole('admin');
  const reader = requireRole('admin', 'auditor');

  // Read fresh, so an admin sees a version another replica saved a moment ago.
  router.get('/', reader, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(view(await source.refresh()));
  });

  router.put('/', admin, async (req, res) => {
    const { policy, note } = parseRequest(PolicySaveSchema, req.body, 'body');
    res.json(view(accepted(source, await policies.save(policy, actorOf(principalOf(res)), note))));
  });

  router.post('/validate', admin, (req, res) => {
    const { policy } = parseRequest(PolicyValidateSchema, req.body, 'body');
    const result = parsePolicy(policy);
    res.json(result.ok ? { ok: true, issues: [], effective: result.policy } : { ok: false, issues: result.issues });
  });

  router.get('/history', reader, async (req, res) => {
    const { limit, before } = parseRequest(PolicyHistoryQuerySchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ versions: await policies.history(limit, before) });
  });

  router.get('/versions/:version', reader, async (req, res) => {
    const { version } = parseRequest(PolicyVersionParamsSchema, req.params, 'params');
    const stored = await policies.version(version);
    if (stored === undefined) throw versionNotFound();
    res.setHeader('Cache-Control', 'no-store');
    res.json(stored);
  });

  router.post('/revert', admin, async (req, res) => {
    const { version, note } = parseRequest(PolicyRevertSchema, req.body, 'body');
    res.json(view(accepted(source, await policies.revert(version, actorOf(principalOf(res)), note))));
  });

  return router;
}

export function adminPolicyRoutes(deps: AdminPolicyRouteDeps): RouteModule {
  return { prefix: ADMIN_POLICY_PREFIX, router: adminPolicyRouter(deps), routes: ADMIN_POLICY_ROUTE_DOCS };
}

/** The saved version, now in force on this replica; a refused save as a problem. */
function accepted(source: PolicySource, result: RevertResult): EffectivePolicy {
  if (!result.ok) {
    if (result.code === 'version_not_found') throw versionNotFound();
    const detail = 'Nothing was saved; each issue names the field.';
    throw new ProblemError('invalid_policy', 422, 'The policy is not valid', detail, { issues: result.issues });
  }
  source.accept(result.saved);
  return { ...result.saved, source: 'store' };
}

function view(effective: EffectivePolicy): z.input<typeof AdminPolicySchema> {
  if (effective.source !== 'store') return { version: 0, source: effective.source, policy: effective.policy, input: effective.policy };
  const { source, version, policy, input, createdAt, createdBy, note, revertedFrom } = effective;
  return { version, source, policy, input, createdAt, createdBy, note, revertedFrom };
}

function versionNotFound(): ProblemError {
  return new ProblemError('policy_version_not_found', 404, 'No policy version with that number');
}

const ADMIN_ONLY = 'Requires the admin role.';
const READERS = 'Requires the admin or auditor role.';
const INVALID_POLICY = {
  description: 'The policy is not valid (invalid_policy); nothing was saved. `issues` names each field: path, stable code and text.',
  content: { 'application/problem+json': { schema: InvalidPolicyProblemSchema } },
};

export const ADMIN_POLICY_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    operation: {
      operationId: 'getAdminPolicy',
      tags: ['admin'],
      summary: 'The policy in force, with where it comes from and what to edit',
      description:
        'The newest stored version (`source: store`), else the policy file (`file`) or the built-in default (`default`), both as version 0. ' +
        `Read from the database, so a version saved on another replica shows at once. ${READERS}`,
      security: BEARER_AUTH,
      responses: { '200': { description: 'The policy in force', content: jsonContent(AdminPolicySchema) }, ...AUTH_PROBLEMS },
    },
  },
  {
    method: 'put',
    path: '/',
    operation: {
      operationId: 'saveAdminPolicy',
      tags: ['admin'],
      summary: 'Save a new version of the policy',
      description:
        'Checked like `phi-guard policy check`; stored as the next version with a `policy_changed` audit event in the same transaction. ' +
        `In force at once on this replica, within 5 s on the others; the add-ins fetch it on their next policy refresh. ${ADMIN_ONLY}`,
      security: BEARER_AUTH,
      requestBody: { content: jsonContent(PolicySaveSchema) },
      responses: {
        '200': { description: 'The saved version, now in force', content: jsonContent(AdminPolicySchema) },
        '400': problemResponse('The body is not {policy: object, note?} (validation_failed)'),
        '422': INVALID_POLICY,
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'post',
    path: '/validate',
    operation: {
      operationId: 'validateAdminPolicy',
      tags: ['admin'],
      summary: 'Check a policy without saving it',
      description: `For the console's editor while the admin types. Nothing is stored or audited. ${ADMIN_ONLY}`,
      security: BEARER_AUTH,
      requestBody: { content: jsonContent(PolicyValidateSchema) },
      responses: {
        '200': { description: 'Valid with the effective policy, or the issues', content: jsonContent(PolicyValidationSchema) },
        '400': problemResponse('The body is not {policy: object} (validation_failed)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/history',
    operation: {
      operationId: 'listAdminPolicyVersions',
      tags: ['admin'],
      summary: 'Stored versions of the policy, newest first, without their bodies',
      description: `Page with \`before\` = the last version of the previous page. ${READERS}`,
      security: BEARER_AUTH,
      requestParams: { query: PolicyHistoryQuerySchema },
      responses: {
        '200': { description: 'Newest first', content: jsonContent(PolicyHistorySchema) },
        '400': problemResponse('A query parameter is not valid (validation_failed)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'get',
    path: '/versions/{version}',
    operation: {
      operationId: 'getAdminPolicyVersion',
      tags: ['admin'],
      summary: 'One stored version: the policy as the admin wrote it, and who saved it when',
      description: READERS,
      security: BEARER_AUTH,
      requestParams: { path: PolicyVersionParamsSchema },
      responses: {
        '200': { description: 'The version', content: jsonContent(StoredPolicySchema) },
        '400': problemResponse('Not a version number (validation_failed)'),
        '404': problemResponse('No such version (policy_version_not_found)'),
        ...AUTH_PROBLEMS,
      },
    },
  },
  {
    method: 'post',
    path: '/revert',
    operation: {
      operationId: 'revertAdminPolicy',
      tags: ['admin'],
      summary: 'Put an earlier version back in force, as a new version',
      description: `The new version holds the old one's policy and names it in \`revertedFrom\`; audited like a save. ${ADMIN_ONLY}`,
      security: BEARER_AUTH,
      requestBody: { content: jsonContent(PolicyRevertSchema) },
      responses: {
        '200': { description: 'The new version, now in force', content: jsonContent(AdminPolicySchema) },
        '400': problemResponse('The body is not {version, note?} (validation_failed)'),
        '404': problemResponse('No such version (policy_version_not_found)'),
        '422': INVALID_POLICY,
        ...AUTH_PROBLEMS,
      },
    },
  },
];
