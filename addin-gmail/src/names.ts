/** The functions Apps Script calls by name: the manifest's triggers and every card button. */
export const ENTRY_POINTS = {
  compose: 'onGmailCompose',
  homepage: 'onGmailHomepage',
  action: 'onCardAction',
} as const;

