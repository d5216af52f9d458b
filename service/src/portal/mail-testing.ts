import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the relay received it. */
export interface CaughtMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** A local SMTP relay (127.0.0.1, no AUTH, no STARTTLS) that keeps what it receives. */
export interface MailCatcher {
  /** For createMailer's smtpUrl. */
  readonly url: string;
  readonly mails: readonly CaughtMail[];
  /** The `n`th mail received (counting from 1), once it has arrived. */
  nth(n: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const waiters: Array<{ n: number; resolve: (mail: CaughtMail) => void }> = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          for (const waiter of waiters.filter((w) => w.n <= mails.length)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(mails[waiter.n - 1]!);
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    nth: (n) =>
      mails.length >= n ? Promise.resolve(mails[n - 1]!) : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
