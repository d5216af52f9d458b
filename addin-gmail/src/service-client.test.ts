import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY, ServiceError } from '@phiguard/core';
import type { HttpResponse } from './host.js';
import { createServiceClient } from './service-client.js';

const client = (answer: () => HttpResponse, token: () => string = () => 'tok') =>
  createServiceClient({ serviceUrl: 'https://phiguard.example.org', fetch: () => answer(), identityToken: token });
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof ServiceError ? error.code : 'other';
  }
};

describe('the service over UrlFetchApp', () => {
  it('parses answers with the core’s contract', () => {
    expect(client(() => ({ status: 200, text: JSON.stringify(DEFAULT_POLICY) })).policy()).toEqual(DEFAULT_POLICY);
    const lookup = client(() => ({ status: 200, text: JSON.stringify({ recipients: [{ address: 'a@x.example', recipient: { address: 'a@x.example', tls: 'enforced' } }] }) }));
    expect(lookup.lookup([{ address: 'a@x.example', type: 'to' }]).get('a@x.example')).toMatchObject({ tls: 'enforced' });
  });

  it('every failure is a ServiceError with its code, so the caller applies the fail mode', () => {
    expect(codeOf(() => client(() => ({ status: 503, text: '' })).policy())).toBe('http_status');
    expect(codeOf(() => client(() => ({ status: 200, text: '<html>' })).policy())).toBe('bad_response');
    expect(codeOf(() => client(() => ({ status: 200, text: '{"failMode":"sideways"}' })).policy())).toBe('bad_response');
    expect(codeOf(() => client(() => { throw new Error('DNS error'); }).policy())).toBe('unreachable');
    expect(codeOf(() => client(() => ({ status: 200, text: '{}' }), () => { throw new Error('no openid scope'); }).policy())).toBe('no_token');
  });
});
