import type { Decision } from '@phiguard/core';
import type { ParityCase } from './fixture.js';

/**
 * A host's whole path from a composed draft to a Decision: read the draft the way that host does,
 * scan, decide. Outlook (on-send, task pane), Gmail and the service plug in here.
 */
export type Adapter = (fixture: ParityCase) => Promise<Decision>;

export interface RegisteredAdapter {
  readonly name: string;
  readonly decide: Adapter;
}
