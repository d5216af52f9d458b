/** Text for the policy's own validation codes; zod's issue text covers the rest. */
export const POLICY_ISSUE_MESSAGES = {
  invalid_json: 'The policy file is not valid JSON.',
  unknown_field: 'Unknown field; check its spelling against the policy reference.',
  invalid_domain: 'Expected a domain such as example.org.',
  invalid_address: 'Expected an email address such as privacy@example.org.',
  duplicate_method: 'A protection method is listed twice.',
  gateway_not_configured: 'The gateway method is accepted but protection.gateway gives neither a header nor a label.',
  domain_in_two_lists: 'This domain is both an organisation domain and a partner domain.',
  no_overriders: 'overrides.by is "listed" but no addresses or groups are listed.',
  portal_expiry_order: 'portal.defaultExpiryDays is longer than portal.maxExpiryDays.',
} as const;

export type PolicyIssueCode = keyof typeof POLICY_ISSUE_MESSAGES;
