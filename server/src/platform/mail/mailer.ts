import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';

/**
 * Outgoing email. The platform sends nothing unless `SMTP_URL` is set (README "Configuration");
 * then it really sends, through that server (e.g. `smtp://user:pass@mail.example.se:587`,
 * STARTTLS when the server offers it; `smtps://` for TLS from the start). Message texts carry no
 * personal data beyond the recipient's own address and name.
 */
export type OutgoingMail = { to: string; subject: string; text: string };

export type Mailer = {
  configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
};

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>): Mailer {
  if (!config.smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new Error('No mail server is configured (SMTP_URL).');
      },
    };
  }
  const smtpUrl = config.smtpUrl;
  // Nodemailer is loaded with the first mail, not at start-up (docs/benchmarks.md, "Start-up").
  let transport: Promise<Transporter> | undefined;
  const transporter = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl)));
  const from = config.mailFrom ?? `Upptäck <no-reply@${config.publicUrl ? new URL(config.publicUrl).hostname : 'localhost'}>`;
  return {
    configured: true,
    async send(mail) {
      await (await transporter()).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
