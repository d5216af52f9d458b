import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY } from '@phiguard/core';
import { overrideEvent } from './audit-events.js';
import { checkDraft } from './check.js';
import { demoSource } from './demo-source.js';

const BODY = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.';

describe('override audit event', () => {
  it('keeps the justification (whitespace collapsed) and counts and codes only, never the draft', async () => {
    const source = demoSource({ to: { value: 'dr.patel@elsewhere.example' }, subject: { value: 'Follow-up' }, body: { value: BODY } });
    const checked = await checkDraft({ source, policy: DEFAULT_POLICY });
    const event = overrideEvent(checked, '  Patient asked\n for   this by phone ', new Date('2026-01-01T00:00:00Z'), 'ol-1');
    expect(event).toMatchObject({ kind: 'override', justification: 'Patient asked for this by phone', action: 'encrypt', client: 'outlook' });
    expect(JSON.stringify(event)).not.toMatch(/Gonzalez|531-72|metformin/);
  });
});
