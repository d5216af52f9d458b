import { beforeEach, describe, expect, it } from '@jest/globals';
import { fakeOffice, type FakeOffice } from '../testing/fake-office.js';
import { internetHeader, removeRecipient, setBody, setInternetHeader, setSubject, type ComposeWriter } from './compose.js';
import { readDraft, type ComposeItem } from './draft.js';

describe('compose writers', () => {
  let office: FakeOffice;
  let item: ComposeItem & ComposeWriter;

  beforeEach(() => {
    office = fakeOffice({
      subject: 'Lab results for Maria Gonzalez',
      body: 'SSN 531-72-0846',
      to: [{ address: 'Dr.Patel@elsewhere.example', name: 'Dr. Anil Patel' }, { address: 'nurse@cityclinic.example' }],
      cc: [{ address: 'dr.patel@elsewhere.example' }],
    });
    (globalThis as { Office?: unknown }).Office = office.Office;
    item = (office.Office as { context: { mailbox: { item: ComposeItem & ComposeWriter } } }).context.mailbox.item;
  });

  it('replace the subject and the text body, and readDraft sees the change', async () => {
    await setSubject(item, 'Secure message from City Clinic');
    await setBody(item, 'SSN ***-**-0846');
    const { draft } = await readDraft(item, {});
    expect([draft.subject, draft.body]).toEqual(['Secure message from City Clinic', 'SSN ***-**-0846']);
    expect(office.calls).toEqual(['subject.setAsync', 'body.setAsync']);
  });

  it('remove a recipient from every line it is on, whatever its case, and keep the others', async () => {
    expect(await removeRecipient(item, 'dr.patel@elsewhere.example')).toBe(true);
    expect((await readDraft(item, {})).recipients).toEqual([{ address: 'nurse@cityclinic.example', type: 'to' }]);
    expect(office.calls).toEqual(['to.setAsync', 'cc.setAsync']);
    expect(await removeRecipient(item, 'nobody@elsewhere.example')).toBe(false);
  });

  it('set an internet header and read it back by any case of its name', async () => {
    expect(await internetHeader(item, 'x-cityclinic-encrypt')).toBeUndefined();
    await setInternetHeader(item, 'X-CityClinic-Encrypt', 'true');
    expect(await internetHeader(item, 'x-cityclinic-encrypt')).toBe('true');
    expect(office.headers.get('X-CityClinic-Encrypt')).toBe('true');
  });
});
