import { ServiceError } from '@phiguard/core';
import { errorCard } from './cards.js';

/**
 * Runs an entry point; any error becomes an error card with a next step, so the user never sees a
 * blank panel or a stack trace. The error text is Apps Script's or ours, never the draft's.
 */
export function dispatch<T>(run: () => T): T | GoogleAppsScript.Card_Service.Card {
  try {
    return run();
  } catch (error) {
    console.error(`PHI Guard: ${error instanceof ServiceError ? `service ${error.code}` : 'error'}`);
    return errorCard(...explain(error));
  }
}

function explain(error: unknown): [string, string] {
  if (error instanceof ServiceError) {
    return ['The PHI Guard service cannot be reached.', 'Do not send patient information as it is. Try again in a minute; if it keeps failing, contact IT.'];
  }
  // Not `instanceof Error`: Apps Script's service errors need not share this script's Error.
  const text = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
  if (/permission|authoriz|scope/i.test(text)) {
    return ['PHI Guard is missing a Gmail permission.', 'Open PHI Guard from the side panel and grant access, or ask IT to reinstall it.'];
  }
  return ['PHI Guard could not check this draft.', 'Close and reopen PHI Guard, then check again. If it keeps failing, contact IT.'];
}
