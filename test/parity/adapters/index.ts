import type { RegisteredAdapter } from '../adapter.js';
import { cliCheckAdapter } from './cli-check.js';
import { coreAdapter } from './core.js';
import { gmailAdapter } from './gmail.js';
import { outlookOnSendAdapter } from './outlook-onsend.js';
import { outlookTaskPaneAdapter } from './outlook-taskpane.js';

/** Every host path the parity test runs. Adding a host is an import and an entry here. */
export const adapters: readonly RegisteredAdapter[] = [coreAdapter, cliCheckAdapter, outlookOnSendAdapter, outlookTaskPaneAdapter, gmailAdapter];
