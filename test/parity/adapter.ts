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
  /**
   * Why this host cannot be given the case at all, if so (e.g. the task pane cannot be told that the
   * portal was already applied: applying it replaces the body). Such cases are reported as skipped.
   */
  readonly cannotExpress?: (fixture: ParityCase) => string | undefined;
}
