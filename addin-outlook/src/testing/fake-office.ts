// A fake Outlook compose host for Node tests: fake-host.ts's plain objects, mocked with office-addin-mock.
import { OfficeMockObject } from 'office-addin-mock';
import { fakeHost, type FakeDraft, type FakeHost, type FakeHostOptions } from './fake-host.js';

export type { FakeDraft, FakeRecipient } from './fake-host.js';

export type FakeOffice = Omit<FakeHost, 'Office'> & {
  /** The `Office` global. */
  readonly Office: unknown;
};

export function fakeOffice(draft: FakeDraft, options: FakeHostOptions = {}): FakeOffice {
  const host = fakeHost(draft, options);
  return { ...host, Office: new OfficeMockObject(host.Office as never, 'outlook' as never) };
}
