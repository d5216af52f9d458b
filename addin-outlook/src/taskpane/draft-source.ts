import type { Draft, OrgProfile } from '@phiguard/core';
import type { ComposeRecipient } from '../office/draft.js';

/** The draft the task pane checks and fixes: Outlook's compose item, or the demo page's sample. */
export interface DraftSource {
  read(org: OrgProfile): Promise<{ draft: Draft; recipients: ComposeRecipient[] }>;
  setSubject(subject: string): Promise<void>;
  setBody(text: string): Promise<void>;
  removeRecipient(address: string): Promise<void>;
  setInternetHeader(name: string, value: string): Promise<void>;
  internetHeader(name: string): Promise<string | undefined>;
}
