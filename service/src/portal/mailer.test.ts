import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureLogs } from '../http/testing.js';
import { startMailCatcher, type MailCatcher } from './mail-testing.js';
import { createMailer, MailError, passcodeMail, replyNoticeMail } from './mailer.js';

const FROM = 'no-reply@clinic.example.org';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'sent';
  } catch (error) {
    return error instanceof MailError ? error.code : String(error);
  }
}

describe('portal mailer', () => {
  let relay: MailCatcher;
  beforeAll(async () => {
    relay = await startMailCatcher();
  });
  afterAll(async () => relay.close());

  it('sends through the SMTP relay from the configured address', async () => {
    const mailer = createMailer({ smtpUrl: relay.url, from: FROM, dev: false, logger: captureLogs().logger });
    await mailer.send(passcodeMail('maria.lopez@gmail.com', '012345', 10));
    const mail = await relay.nth(1);
    expect(mail).toMatchObject({ from: FROM, to: ['maria.lopez@gmail.com'], subject: 'Your PHI Guard passcode' });
    expect(mail.text).toContain('Your passcode is 012345. It expires in 10 minutes');
  });

  it('reports a relay that cannot be reached as mail_failed, without the address', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1?ignoreTLS=true', from: FROM, dev: false, logger: captureLogs().logger });
    const error = await mailer.send(passcodeMail('maria@example.org', '123456', 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ code: 'mail_failed', message: 'the mail could not be sent' });
  });

  it('prints mails to the console in dev mode without a relay, marked as not sent', async () => {
    const printed: string[] = [];
    const logs = captureLogs();
    const mailer = createMailer({ from: FROM, dev: true, logger: logs.logger, console: (text) => void printed.push(text) });
    await mailer.send(passcodeMail('maria@example.org', '654321', 10));
    expect(printed.join('')).toMatch(/DEV MAIL \(not sent\)[\s\S]*To: maria@example.org[\s\S]*Your passcode is 654321/);
    expect(logs.text()).toContain('printed to the console');
    expect(logs.text()).not.toContain('maria');
  });

  it('refuses to send in production without a relay', async () => {
    const mailer = createMailer({ from: FROM, dev: false, logger: captureLogs().logger });
    await expect(failure(mailer.send(passcodeMail('maria@example.org', '123456', 10)))).resolves.toBe('mail_not_configured');
  });

  it.each([
    ['a subject carrying another header', { to: 'maria@example.org', subject: 'Hi\r\nBcc: eve@example.org', text: 'x' }],
    ['a recipient that is not one address', { to: 'maria@example.org, eve@example.org', subject: 'Hi', text: 'x' }],
  ])('refuses %s', async (_label, mail) => {
    const mailer = createMailer({ smtpUrl: relay.url, from: FROM, dev: false, logger: captureLogs().logger });
    await expect(failure(mailer.send(mail))).resolves.toBe('invalid_mail');
  });

  it('the reply notice tells the sender to open PHI Guard and carries no content', () => {
    expect(replyNoticeMail('dr.chen@clinic.example.org')).toEqual({
      to: 'dr.chen@clinic.example.org',
      subject: 'You have a reply on PHI Guard secure messaging',
      text: expect.stringContaining('this email does not contain the reply'),
    });
  });
});
