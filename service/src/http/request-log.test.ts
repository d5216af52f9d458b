import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { problemHandler } from './problem.js';
import { requestId } from './request-id.js';
import { logServerErrors, requestLog } from './request-log.js';
import { captureLogs } from './testing.js';

describe('server errors', () => {
  it('are logged by name, code and stack frames, never by message (messages can quote PHI)', async () => {
    const logs = captureLogs();
    const app = express();
    app.use(requestId());
    app.use(requestLog(logs.logger));
    app.get('/boom', () => {
      throw Object.assign(new Error('could not send to Jonathan Whitfield, SSN 219-09-9999'), { code: 'E_SEND' });
    });
    app.use(logServerErrors(logs.logger));
    app.use(problemHandler);

    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/internal', title: 'Internal server error' });
    expect(logs.text()).not.toMatch(/Whitfield|219-09-9999/);
    const failed = logs.entries().find((entry) => entry.msg === 'request failed');
    expect(failed).toMatchObject({ reqId: res.headers['x-request-id'], err: { name: 'Error', code: 'E_SEND', frames: expect.stringMatching(/^\s+at /) } });
    expect(logs.entries().find((entry) => entry.msg === 'request')).toMatchObject({ route: '/boom', status: 500 });
  });

  it('client errors are not logged as failures', async () => {
    const logs = captureLogs();
    const app = express();
    app.get('/bad', () => {
      throw Object.assign(new Error('bad'), { status: 400 });
    });
    app.use(logServerErrors(logs.logger));
    app.use(problemHandler);
    expect((await request(app).get('/bad')).status).toBe(400);
    expect(logs.entries()).toEqual([]);
  });
});

describe('the request line', () => {
  it('is written once per response: route template, status and duration, never the path', async () => {
    const logs = captureLogs();
    const app = express();
    app.use(requestId());
    app.use(requestLog(logs.logger));
    app.get('/patients/:mrn', (_req, res) => void res.status(204).end());
    const res = await request(app).get('/patients/MRN-4471');
    const lines = logs.entries().filter((entry) => entry.msg === 'request');
    expect(lines).toEqual([expect.objectContaining({ reqId: res.headers['x-request-id'], method: 'GET', route: '/patients/{mrn}', status: 204, ms: expect.any(Number) })]);
    expect(lines[0]).not.toHaveProperty('aborted');
    expect(logs.text()).not.toContain('MRN-4471');
  });

  it('is written once, marked aborted, when the client goes away before the response ends', async () => {
    const logs = captureLogs();
    const app = express();
    app.use(requestLog(logs.logger));
    let reached!: () => void;
    let closed!: Promise<unknown>;
    const handlerReached = new Promise<void>((resolve) => (reached = resolve));
    app.get('/slow', (_req, res) => {
      // Registered after the request log's listener, so it runs after the line is written.
      closed = once(res, 'close');
      res.write('partial');
      reached();
    });
    const server: Server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const client = httpRequest({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/slow' });
      client.on('error', () => undefined);
      client.end();
      await handlerReached;
      client.destroy();
      await closed;
      expect(logs.entries().filter((entry) => entry.msg === 'request')).toEqual([expect.objectContaining({ route: '/slow', aborted: true })]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
