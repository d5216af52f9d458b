// The add-on's entry points. The build turns each export into a top-level function of the same
// name (Apps Script finds triggers and card actions by name; it has no modules).
import { checkCard, composeContext, handleAction } from './actions.js';
import { appsScriptHost } from './apps-script-host.js';
import { homeCard } from './cards.js';
import { dispatch } from './dispatch.js';
import { createServiceClient } from './service-client.js';

type Event = GoogleAppsScript.Addons.EventObject;

/** The compose trigger: check the draft as soon as PHI Guard opens in a compose window. */
export function onGmailCompose(event: Event) {
  return dispatch(() => {
    const host = appsScriptHost();
    return checkCard(host, createServiceClient(host), composeContext(event));
  });
}

/** The homepage trigger: what PHI Guard does, outside a compose window. */
export function onGmailHomepage() {
  return dispatch(() => homeCard());
}

/** Every card button. */
export function onCardAction(event: Event) {
  return dispatch(() => {
    const host = appsScriptHost();
    return handleAction(host, createServiceClient(host), event);
  });
}
