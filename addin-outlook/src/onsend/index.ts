// The on-send (Smart Alerts) entry: one self-contained script, loaded by the event runtime's HTML
// page and, in classic Outlook on Windows, by the JavaScript-only runtime. No DOM, no imports at run time.
import { outlookToken } from '../auth/outlook-token.js';
import { ON_SEND_FUNCTION } from '../names.js';
import { hasSensitivityLabel, internetHeader, sessionValue } from '../office/compose.js';
import { roamingSettings } from '../office/settings.js';
import { OVERRIDE_KEY } from '../override.js';
import { appliedProtection } from '../protection.js';
import { ServiceError } from '@phiguard/core';
import { createServiceClient } from '../service/client.js';
import { serviceUrl } from '../service/url.js';
import { checkSend, whenCheckFailed, type Completion } from './check.js';

/** Kept while the runtime lives, so sends after the first reuse the sign-in (MSAL keeps its tokens). */
let token: (() => Promise<string>) | undefined;

async function onMessageSendHandler(event: Office.AddinCommands.Event): Promise<void> {
  const settings = roamingSettings(Office.context.roamingSettings);
  try {
    const baseUrl = serviceUrl();
    // Created in the handler: classic Outlook runs no Office.onReady, so Office.context is only sure to be ready here.
    token ??= outlookToken({ interactive: false });
    const client = createServiceClient({
      baseUrl: baseUrl ?? 'https://phiguard.invalid',
      token: baseUrl === undefined ? () => Promise.reject(new ServiceError('unreachable', 'No service address')) : token,
    });
    const item = Office.context.mailbox.item as Office.MessageCompose;
    const markings = {
      internetHeader: (name: string) => internetHeader(item, name),
      hasLabel: (name: string) => hasSensitivityLabel(item, Office.context.sensitivityLabelsCatalog, name),
    };
    const { completion } = await checkSend({
      item,
      client,
      settings,
      override: () => sessionValue(item, OVERRIDE_KEY),
      appliedProtection: (policy) => appliedProtection(markings, policy),
    });
    event.completed(toOffice(completion));
  } catch {
    // Every path ends in event.completed: an unexpected failure follows the policy's fail mode.
    event.completed(toOffice(whenCheckFailed(settings)));
  }
}

function toOffice(completion: Completion): Office.SmartAlertsEventCompletedOptions {
  const { sendModeOverride, ...rest } = completion;
  return sendModeOverride ? { ...rest, sendModeOverride: Office.MailboxEnums.SendModeOverride.PromptUser } : rest;
}

Office.actions.associate(ON_SEND_FUNCTION, onMessageSendHandler);
