import nodemailer from 'nodemailer';
import { z } from 'zod';
import { AddressSchema } from '../audit/schema.js';
import { CodedError } from '../coded-error.js';
import type { Logger } from '../http/logger.js';

export type MailErrorCode = 'mail_not_configured' | 'invalid_mail' | 'mail_failed';

/** Never carries the mail or the SMTP reply in its message: both can name the recipient. */
export class MailError extends CodedError<MailErrorCode> {
  override readonly name = 'MailError';
}

/** A plain-text mail the portal sends. One-line subject: no header can be smuggled in. */
export const MailSchema = z.strictObject({
  to: AddressSchema,
  subject: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/),
  text: z.string().min(1).max(20_000),
});
export type Mail = z.infer<typeof MailSchema>;

export interface Mailer {
  /** Resolves once the relay accepted the mail; MailError otherwise. */
  send(mail: Mail): Promise<void>;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; query options such as `?ignoreTLS=true` are nodemailer's. */
  readonly smtpUrl?: string;
  readonly from: string;
  /** Without an SMTP URL, dev mode prints mails instead of sending them. */
  readonly dev: boolean;
  readonly logger: Logger;
  /** Where dev mails are printed; stdout when absent. */
  readonly console?: (text: string) => void;
}

/** How long the relay may take per step; a passcode that arrives minutes late is useless anyway. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/**
 * Passcode and reply-notice mail: through the SMTP relay when configured; in dev mode without
 * one, printed to the console. Production without a relay refuses to send (`mail_not_configured`).
 */
export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from, logger } = options;
  if (smtpUrl !== undefined) {
    const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
    return {
      send: async (mail) => {
        const { to, subject, text } = parseMail(mail);
        try {
          await transport.sendMail({ from, to, subject, text });
        } catch (error) {
          throw new MailError('mail_failed', 'the mail could not be sent', { cause: error });
        }
      },
    };
  }
  if (options.dev) {
    logger.warn('portal mail is printed to the console: dev mode without an SMTP URL');
    const print = options.console ?? ((text: string) => void process.stdout.write(text));
    return {
      send: async (mail) => {
        const { to, subject, text } = parseMail(mail);
        print(`----- DEV MAIL (not sent) -----\nFrom: ${from}\nTo: ${to}\nSubject: ${subject}\n\n${text}\n----- END DEV MAIL -----\n`);
      },
    };
  }
  return {
    send: async () => {
      throw new MailError('mail_not_configured', 'no SMTP relay is configured (portal.smtpUrl)');
    },
  };
}

function parseMail(mail: Mail): Mail {
  const parsed = MailSchema.safeParse(mail);
  if (!parsed.success) throw new MailError('invalid_mail', 'the mail is not valid');
  return parsed.data;
}

/** The passcode mail: the code and its lifetime, nothing about the message. */
export function passcodeMail(to: string, code: string, minutes: number): Mail {
  return {
    to,
    subject: 'Your PHI Guard passcode',
    text:
      `Your passcode is ${code}. It expires in ${minutes} minutes and can be used once.\n\n` +
      'Enter it on the secure message page you opened. If you did not ask for a passcode, you can ignore this email.\n',
  };
}

/** Tells a sender that a recipient replied; the reply is read in PHI Guard, so the mail holds none of it. */
export function replyNoticeMail(to: string): Mail {
  return {
    to,
    subject: 'You have a reply on PHI Guard secure messaging',
    text:
      'A recipient replied to a secure message you sent with PHI Guard.\n\n' +
      'Open PHI Guard in Outlook or Gmail to read it. For privacy, this email does not contain the reply.\n',
  };
}
