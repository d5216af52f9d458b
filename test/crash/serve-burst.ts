// Child of audit-crash.test.ts: serves the audit routes over HTTP on the SQLite data folder in
// argv[2] and prints `port N`; the parent posts events concurrently and kills it with SIGKILL.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AuditLog } from '../../service/src/audit/audit-log.js';
import { loadOrCreateAuditKey } from '../../service/src/audit/keys.js';
import type { RequireRole } from '../../service/src/auth/require-role.js';
import { problemHandler } from '../../service/src/http/problem.js';
import { mountRoutes } from '../../service/src/http/route-registry.js';
import { auditRoutes } from '../../service/src/routes/audit.js';
import { openStore } from '../../service/src/store/open-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: serve-burst.ts DATA_DIR');

const store = await openStore({ dataDir });
const auditLog = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
// Token verification is not under test here: every caller is one signed-in user.
const requireRole: RequireRole = () => (_req, res, next) => {
  res.locals.principal = { sub: 'crash', email: 'crash@example.org', roles: ['user'], issuer: 'dev' };
  next();
};
const app = express();
app.use(express.json({ limit: '1mb' }));
mountRoutes(app, [auditRoutes({ auditLog, requireRole })]);
app.use(problemHandler);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
});
