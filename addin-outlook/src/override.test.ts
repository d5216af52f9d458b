import { describe, expect, it } from '@jest/globals';
import { decide, parsePolicy, scan, type Policy } from '@phiguard/core';
import { overrideCovers, overrideMarker, readOverrideMarker } from './override.js';

const parsed = parsePolicy({ organisation: { name: 'City Clinic', domains: ['cityclinic.example'] }, overrides: { allowed: ['identifiers_only', 'first_time_recipient'] } });
const policy: Policy = parsed.ok ? parsed.policy : (undefined as never);
const identifiers = scan({ subject: 'Form', body: 'Her SSN is 531-72-0846, please update the form.' });
const phi = scan({ subject: 'Follow-up', body: 'Maria Gonzalez, SSN 531-72-0846, type 2 diabetes, continue metformin.' });
const to = (address: string) => [{ address }];

describe('overrides between the task pane and the on-send check', () => {
  const warned = decide(identifiers, to('dr@elsewhere.example'), 'none', policy);
  const marker = overrideMarker(warned, ['Dr@Elsewhere.example']);

  it('covers the same decision for the same recipients, and survives the trip through session data', () => {
    expect(warned.overridable).toBe(true);
    expect(overrideCovers(readOverrideMarker(JSON.stringify(marker)), warned, ['dr@elsewhere.example'])).toBe(true);
  });

  it('does not cover a recipient added afterwards, or a new reason', () => {
    expect(overrideCovers(marker, warned, ['dr@elsewhere.example', 'other@elsewhere.example'])).toBe(false);
    const nowPhi = decide(phi, to('dr@elsewhere.example'), 'none', policy);
    expect(overrideCovers(marker, nowPhi, ['dr@elsewhere.example'])).toBe(false);
  });

  it('never covers what the policy does not let anyone override', () => {
    const subjectLeak = decide(scan({ subject: 'Maria Gonzalez labs', body: 'Maria Gonzalez has type 2 diabetes.' }), to('dr@elsewhere.example'), 'none', policy);
    expect(subjectLeak.overridable).toBe(false);
    expect(overrideCovers(overrideMarker(subjectLeak, ['dr@elsewhere.example']), subjectLeak, ['dr@elsewhere.example'])).toBe(false);
  });

  it('reads nothing from missing or malformed session data', () => {
    expect(readOverrideMarker(undefined)).toBeUndefined();
    expect(readOverrideMarker('{"reasons":"x"}')).toBeUndefined();
  });
});
