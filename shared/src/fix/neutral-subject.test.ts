import { describe, expect, it } from '@jest/globals';
import { PolicySchema } from '../policy/schema.js';
import { neutralSubject } from './neutral-subject.js';

describe('neutralSubject', () => {
  it('names the organisation', () => {
    expect(neutralSubject(PolicySchema.parse({ organisation: { name: 'City Clinic' } }))).toBe('Secure message from City Clinic');
  });

  it('is plain when the organisation has no name', () => {
    expect(neutralSubject(PolicySchema.parse({}))).toBe('Secure message');
  });

  it("is the policy's own when it sets one", () => {
    expect(neutralSubject(PolicySchema.parse({ neutralSubject: 'Message from your care team' }))).toBe('Message from your care team');
  });
});
