/**
 * The header the Gmail add-on sets on the pickup notice it sends in place of a draft, so the
 * admin's Gmail DLP rules (`phi-guard gmail-dlp`) can let PHI Guard's own notices through.
 */
export const PORTAL_NOTICE_HEADER = { name: 'X-PHI-Guard-Notice', value: 'portal' } as const;
