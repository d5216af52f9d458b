import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { problemHandler } from './problem.js';
import { parseRequest } from './validate.js';

const SendSchema = z
  .object({
    messageId: z.string().min(1),
    recipients: z.array(z.object({ address: z.email() })).min(1),
    phiCounts: z.record(z.string(), z.number().int().min(0)).optional(),
  })
  .strict();

function app() {
  const a = express();
  a.use(express.json());
  a.post('/sends', (req, res) => {
    const body = parseRequest(SendSchema, req.body, 'body');
    const query = parseRequest(z.object({ dryRun: z.enum(['true', 'false']).optional() }), req.query, 'query');
    res.json({ recipients: body.recipients.length, dryRun: query.dryRun ?? 'false' });
  });
  a.use(problemHandler);
  return a;
}

describe('parseRequest', () => {
  it('returns the parsed, typed value', async () => {
    const res = await request(app()).post('/sends?dryRun=true').send({ messageId: 'm1', recipients: [{ address: 'dr.lee@clinic.example.org' }] });
    expect(res.body).toEqual({ recipients: 1, dryRun: 'true' });
  });

  it('answers 400 problem+json naming each invalid field and zod code, never the values', async () => {
    const phi = 'Jonathan Whitfield SSN 219-09-9999';
    const res = await request(app())
      .post('/sends')
      .send({ messageId: '', recipients: [{ address: phi }], [phi]: true });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual({
      type: 'https://phiguard.dev/problems/validation_failed',
      title: 'The request is not valid',
      status: 400,
      instance: '/sends',
      errors: [
        { path: 'body.messageId', code: 'too_small' },
        { path: 'body.recipients[0].address', code: 'invalid_format' },
        { path: 'body', code: 'unrecognized_keys' },
      ],
    });
    expect(res.text).not.toContain('Whitfield');
    expect(res.text).not.toContain('219-09-9999');
  });

  it('names the query part for query parameters', async () => {
    const res = await request(app()).post('/sends?dryRun=maybe').send({ messageId: 'm1', recipients: [{ address: 'a@b.org' }] });
    expect(res.body.errors).toEqual([{ path: 'query.dryRun', code: 'invalid_value' }]);
  });
});
