import type { AttachmentUpload, ComposeRecipient, Draft, OrgProfile } from '@phiguard/core';
import type { OverrideMarker } from '../override.js';

/** The draft the task pane checks and fixes: Outlook's compose item, or the demo page's sample. */
export interface DraftSource {
  /** `uploads`: attachments only the service can read (PDF, Office, images). */
  read(org: OrgProfile): Promise<{ draft: Draft; recipients: ComposeRecipient[]; uploads?: AttachmentUpload[] }>;
  setSubject(subject: string): Promise<void>;
  setBody(text: string): Promise<void>;
  removeRecipient(address: string): Promise<void>;
  setInternetHeader(name: string, value: string): Promise<void>;
  internetHeader(name: string): Promise<string | undefined>;
  /** Applies the organisation's sensitivity label with this name; false when this host cannot. */
  applyLabel(name: string): Promise<boolean>;
  /** The message carries the sensitivity label with this name. */
  hasLabel(name: string): Promise<boolean>;
  /** Leaves the user's override where the on-send check finds it. */
  markOverride(marker: OverrideMarker): Promise<void>;
}
