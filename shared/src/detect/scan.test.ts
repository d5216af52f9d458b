import { describe, expect, it } from '@jest/globals';
import { createScanner } from './scan.js';
import { date } from './recognizers/date.js';
import { email } from './recognizers/email.js';
import { phone } from './recognizers/phone.js';
import { ssn } from './recognizers/ssn.js';

const scanner = createScanner({ recognizers: [ssn, phone, email, date] });
const texts = (body: string, org?: Parameters<typeof scanner.detect>[0]['org']) =>
  scanner.detect({ body, ...(org ? { org } : {}) }).map((f) => body.slice(f.start, f.end));

describe('scan pipeline', () => {
  it('offsets are UTF-16 indices into the field, so text after emoji and accents still lines up', () => {
    const body = 'Zoë 👩‍⚕️ says SSN 531-72-0846';
    const [finding] = scanner.detect({ body });
    expect(body.slice(finding!.start, finding!.end)).toBe('531-72-0846');
  });

  it("the organisation's own phone numbers and domains are not flagged", () => {
    const body = 'Patient can call us at (412) 555-0100 or her cell (412) 555-0199, or write ops@clinic.example.org or jo@example.net';
    expect(texts(body, { phones: ['412.555.0100'], domains: ['clinic.example.org'] })).toEqual(['(412) 555-0199', 'jo@example.net']);
  });

  it("the writer's signature block is not flagged", () => {
    const body = 'Hi,\n\nCall her cell (412) 555-0199.\n\nThanks,\nAmy\nCity Clinic | (412) 555-0100';
    expect(texts(body)).toEqual(['(412) 555-0199']);
  });

  it('findings never carry the matched text', () => {
    const [finding] = scanner.detect({ body: 'SSN 531-72-0846' });
    expect(JSON.stringify(finding)).not.toContain('531');
  });

  it('subject, body and attachment findings name their field', () => {
    const found = scanner.detect({
      subject: 'SSN 531-72-0846',
      body: 'SSN 412-58-3907',
      attachments: [{ name: 'a.txt', text: 'x' }, { name: 'b.txt', text: 'SSN 531-72-0846' }],
    });
    expect(found.map((f) => [f.field, f.attachment])).toEqual([['subject', undefined], ['body', undefined], ['attachment', 1]]);
  });

  it('names the attachments it could not look into, by index and reason, and only when there are some', () => {
    const result = scanner.scan({
      attachments: [{ name: 'a.txt', text: 'SSN 531-72-0846' }, { name: 'locked.pdf', uninspectable: 'encrypted' }],
    });
    expect(result.uninspectable).toEqual([{ attachment: 1, reason: 'encrypted' }]);
    expect(scanner.scan({ attachments: [{ name: 'a.txt', text: 'x' }] })).not.toHaveProperty('uninspectable');
  });

  it('an empty draft has no findings and no PHI', () => {
    expect(scanner.scan({})).toEqual({ phi: false, subjectPhi: false, findings: [] });
  });
});
