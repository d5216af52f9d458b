import { describe, expect, it } from '@jest/globals';
import type { ResolvedFix } from '@phiguard/core';
import { outlookUnavailable } from './fix-availability.js';

const protect = (method: 'portal' | 'pgp' | 'smime' | 'gateway'): ResolvedFix => ({ type: 'apply_protection', method, recipients: ['dr.patel@elsewhere.example'] });

describe('which fixes the task pane can apply', () => {
  it('the portal and OpenPGP need the service; the gateway does not', () => {
    expect(outlookUnavailable(true)(protect('portal'))).toBeUndefined();
    expect(outlookUnavailable(true)(protect('pgp'))).toBeUndefined();
    expect(outlookUnavailable(false)(protect('portal'))).toMatch(/service/);
    expect(outlookUnavailable(false)(protect('pgp'))).toMatch(/service/);
    expect(outlookUnavailable(false)(protect('gateway'))).toBeUndefined();
  });

  it('S/MIME is Outlook’s own option, so the pane points there', () => {
    expect(outlookUnavailable(true)(protect('smime'))).toMatch(/Outlook’s message options/);
  });

  it('text fixes are always available', () => {
    expect(outlookUnavailable(false)({ type: 'add_disclaimer', text: 'Confidential' })).toBeUndefined();
  });
});
