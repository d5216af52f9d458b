import { describe, expect, it } from '@jest/globals';
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
