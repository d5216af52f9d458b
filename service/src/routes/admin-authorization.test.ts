// Who may call what, across every route the service documents: each admin or auditor endpoint
// refuses a signed-in user (403) and an anonymous caller (401), and every route is classified, so
// a new one cannot slip in without a decision about who may call it.
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Principal, Role } from '../auth/principal.js';
import { createTestApp, disposeTestApps } from '../http/testing.js';

/** Auditors read the audit log and the policy; admins also do these. */
const AUDITOR_READS = [
  'GET /v1/audit/events',
  'GET /v1/audit/events/{seq}',
  'GET /v1/audit/stats',
  'GET /v1/audit/purges',
  'GET /v1/audit/retention',
  'GET /v1/audit/export.csv',
  'GET /v1/audit/export.ndjson',
  'GET /v1/audit/verify',
  'GET /v1/audit/holds',
  'GET /v1/admin/policy',
  'GET /v1/admin/policy/history',
  'GET /v1/admin/policy/versions/{version}',
];
/** Only admins change things, and only admins see the registries (they name patients and correspondents). */
const ADMIN_ONLY = [
  'POST /v1/audit/checkpoints',
  'POST /v1/audit/holds',
  'DELETE /v1/audit/holds/{id}',
  'PUT /v1/admin/policy',
  'POST /v1/admin/policy/validate',
  'POST /v1/admin/policy/revert',
  'POST /v1/keys',
  'GET /v1/keys',
  'DELETE /v1/keys/{keyType}/{fingerprint}',
  'POST /v1/consents',
  'GET /v1/consents',
  'POST /v1/consents/import',
  'POST /v1/consents/{id}/revoke',
  'GET /v1/correspondents',
  'PUT /v1/correspondents/{domain}',
  'DELETE /v1/correspondents/{domain}',
];
/** Everything else, and why it is not an admin route. */
const NOT_ADMIN: Record<string, string> = {
  'GET /addin/outlook/{file}': 'the add-in’s files, public',
  'GET /addin/outlook/assets/{icon}': 'public',
  'GET /addin/outlook/ocr/{file}': 'public',
  'GET /': 'the demo, public',
  'GET /.well-known/microsoft-officeaddins-allowed.json': 'public',
  'GET /admin': 'the console page; its data needs a session',
  'GET /admin/console.js': 'public asset',
  'GET /admin/console.css': 'public asset',
  'GET /healthz': 'probe',
  'GET /readyz': 'probe',
  'GET /metrics': 'probe',
  'GET /openapi.json': 'public',
  'GET /v1/me': 'any signed-in caller',
  'POST /v1/audit/events': 'the add-ins record their events',
  'GET /v1/audit/checkpoints/latest': 'public, for independent verification',
  'GET /v1/audit/key': 'public, for independent verification',
  'GET /v1/policy': 'the add-ins read the policy',
  'POST /v1/recipients/lookup': 'the add-ins',
  'POST /v1/scan/attachments': 'the add-ins scan attachments',
  'POST /v1/keys/observed': 'the add-ins report signed mail',
  'POST /v1/recipients/openpgp-keys': 'the add-ins',
  'POST /v1/messages': 'senders use the portal',
  'GET /v1/messages': 'a sender’s own messages',
  'GET /v1/messages/{id}': 'a sender’s own message',
  'PATCH /v1/messages/{id}': 'a sender’s own message',
  'POST /v1/messages/{id}/notice-sent': 'a sender’s own message',
  'POST /v1/messages/{id}/recall': 'a sender’s own message',
  'GET /portal/assets/portal.css': 'the portal, for recipients',
  'GET /portal/m/{token}': 'the portal, for recipients',
  'POST /portal/m/{token}/passcode': 'the portal, for recipients',
  'POST /portal/m/{token}/verify': 'the portal, for recipients',
  'GET /portal/m/{token}/message': 'the portal, for recipients',
  'GET /portal/m/{token}/attachments/{index}': 'the portal, for recipients',
  'POST /portal/m/{token}/reply': 'the portal, for recipients',
  'POST /portal/m/{token}/logout': 'the portal, for recipients',
  'GET /admin/auth/providers': 'sign-in',
  'GET /admin/auth/{provider}/start': 'sign-in',
  'GET /admin/auth/{provider}/callback': 'sign-in',
  'POST /admin/api/session/local': 'sign-in',
  'POST /admin/api/session/token': 'sign-in',
  'GET /admin/api/session': 'the caller’s own session',
  'DELETE /admin/api/session': 'sign-out',
};

/** Bearer `<role>` signs in as someone with that one role. */
const verifier = {
  verify: async (token: string): Promise<Principal> => ({ sub: token, email: `${token}@clinic.example.org`, roles: [token as Role], issuer: 'dev' }),
};

afterAll(disposeTestApps);

async function call(line: string, role?: Role) {
  const { app } = await createTestApp({ deps: { verifier } });
  const [method, template] = line.split(' ') as [string, string];
  const path = template.replace(/\{[^}]+\}/g, (name) => (name === '{seq}' || name === '{version}' ? '1' : 'x'));
  const req = request(app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
  if (role) req.set('Authorization', `Bearer ${role}`);
  return (method === 'GET' || method === 'DELETE' ? req : req.send({})).then((res) => res.status);
}

describe('who may call the admin endpoints', () => {
  it('every documented route is classified', async () => {
    const { app } = await createTestApp({ deps: { verifier } });
    const spec = (await request(app).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const classified = new Set([...AUDITOR_READS, ...ADMIN_ONLY, ...Object.keys(NOT_ADMIN)]);
    expect(documented.filter((line) => !classified.has(line))).toEqual([]);
    expect([...classified].filter((line) => !documented.includes(line))).toEqual([]);
  });

  it.each([...AUDITOR_READS, ...ADMIN_ONLY])('%s: a user gets 403, no one signed in gets 401', async (line) => {
    expect(await call(line, 'user')).toBe(403);
    expect(await call(line)).toBe(401);
  });

  it.each(ADMIN_ONLY)('%s: an auditor gets 403', async (line) => {
    expect(await call(line, 'auditor')).toBe(403);
  });

  it.each(AUDITOR_READS)('%s: an auditor gets past the role check', async (line) => {
    expect([401, 403]).not.toContain(await call(line, 'auditor'));
  });
});
