// The task pane entry: in Outlook it checks the message being written; opened anywhere else it
// shows an editable sample draft and runs the same code (demo mode).
import { DEFAULT_POLICY, type Policy } from '@phiguard/core';
import type { SettingsStore } from '../audit/outbox.js';
import { outlookToken } from '../auth/outlook-token.js';
import { roamingSettings } from '../office/settings.js';
import { WORKER_FILE } from '../attachments/protocol.js';
import { createServiceClient, type ServiceClient } from '../service/client.js';
import { rememberingReader, withFallback, workerReader, type AttachmentReader } from './attachment-reader.js';
import { currentPolicy } from '../service/policy-cache.js';
import { serviceUrl } from '../service/url.js';
import { debounce } from './debounce.js';
import { demoSource, SAMPLE_DRAFT } from './demo-source.js';
import { outlookSource } from './outlook-source.js';
import { createPane, type Pane } from './pane.js';
import { domUi } from './render.js';
import { demoToken } from './token.js';

const POLICY_TIMEOUT_MS = 5000;
/** Typing pauses this long before the draft is scanned again. */
const TYPING_DEBOUNCE_MS = 250;

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function mount(deps: Omit<Parameters<typeof createPane>[0], 'ui'>): Pane {
  const ref: { pane?: Pane } = {};
  const ui = domUi(
    { summary: byId('pg-summary'), results: byId('pg-results') },
    { fix: (key) => void ref.pane?.applyFix(key), override: (text) => void ref.pane?.override(text) },
  );
  const pane = createPane({ ...deps, ui });
  ref.pane = pane;
  byId('pg-recheck').addEventListener('click', () => void pane.check());
  return pane;
}

/** Attachments are read in this browser's worker; the service reads them only where the host will not run one. */
function attachmentReader(client: ServiceClient | undefined): AttachmentReader {
  const local = workerReader(() => new Worker(WORKER_FILE));
  return rememberingReader(client ? withFallback(local, client) : local);
}

async function policyFor(client: ServiceClient | undefined, settings: SettingsStore): Promise<Policy> {
  return client ? currentPolicy(client, settings, new Date(), POLICY_TIMEOUT_MS) : DEFAULT_POLICY;
}

async function startOutlook(): Promise<void> {
  const item = Office.context.mailbox.item as Office.MessageCompose;
  const settings = roamingSettings(Office.context.roamingSettings);
  const baseUrl = serviceUrl();
  const client = baseUrl ? createServiceClient({ baseUrl, token: outlookToken({ interactive: true }) }) : undefined;
  const pane = mount({
    source: outlookSource(item, Office.context.sensitivityLabelsCatalog),
    policy: await policyFor(client, settings),
    ...(client ? { client } : {}),
    attachments: attachmentReader(client),
    settings,
    user: Office.context.mailbox.userProfile.emailAddress,
  });
  // Outlook raises no event while the body is typed: check on recipient and attachment changes,
  // whenever the pane gets the user's attention again, and on Re-check.
  const recheck = debounce(() => void pane.check(), TYPING_DEBOUNCE_MS);
  item.addHandlerAsync(Office.EventType.RecipientsChanged, recheck);
  item.addHandlerAsync(Office.EventType.AttachmentsChanged, recheck);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && recheck());
  window.addEventListener('focus', recheck);
  await pane.check();
}

async function startDemo(): Promise<void> {
  byId('pg-demo').hidden = false;
  const fields = {
    to: byId<HTMLInputElement>('pg-demo-to'),
    subject: byId<HTMLInputElement>('pg-demo-subject'),
    body: byId<HTMLTextAreaElement>('pg-demo-body'),
    files: byId<HTMLInputElement>('pg-demo-files'),
  };
  fields.to.value = SAMPLE_DRAFT.to;
  fields.subject.value = SAMPLE_DRAFT.subject;
  fields.body.value = SAMPLE_DRAFT.body;
  const baseUrl = serviceUrl();
  const token = baseUrl ? await demoToken(baseUrl) : undefined;
  const client = baseUrl && token ? createServiceClient({ baseUrl, token }) : undefined;
  byId('pg-demo-connection').textContent = client
    ? 'Connected to the PHI Guard service as a demo user: recipients are looked up and the secure portal works.'
    : 'Offline demo: the default policy, no recipient lookups and no secure portal (the service is not in dev mode or cannot be reached).';
  const settings = memorySettings();
  const pane = mount({
    source: demoSource(fields),
    policy: await policyFor(client, settings),
    ...(client ? { client } : {}),
    attachments: attachmentReader(client),
    settings,
  });
  const recheck = debounce(() => void pane.check(), TYPING_DEBOUNCE_MS);
  for (const field of [fields.to, fields.subject, fields.body]) field.addEventListener('input', recheck);
  fields.files.addEventListener('change', recheck);
  await pane.check();
}

/** The demo keeps its settings (policy copy, audit queue) for the page's lifetime only. */
function memorySettings(): SettingsStore {
  const values = new Map<string, unknown>();
  return { get: (name) => values.get(name), set: (name, value) => void values.set(name, value), save: async () => undefined };
}

async function start(): Promise<void> {
  // Office.js is absent when its CDN cannot be reached; outside Office, onReady answers with no host.
  const info = typeof Office === 'undefined' ? undefined : await Office.onReady();
  if (info && info.host === Office.HostType.Outlook) await startOutlook();
  else await startDemo();
}

void start();
