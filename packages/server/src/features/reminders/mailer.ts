// Sending mail: one interface, and nodemailer over SMTP (the URL from SMTP_URL, e.g. smtp://user:pass@host:587).
import nodemailer from 'nodemailer'

interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html: string
  /** `<id@host>`, the same on every attempt of one outbox message. */
  messageId: string
  headers: Record<string, string>
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects when it did not. */
  send(mail: OutgoingMail): Promise<{ response: string }>
  close(): void
}

export function smtpMailer(smtpUrl: string): Mailer {
  // pooled: one connection carries many messages instead of a handshake per email
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2 })
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      })
      const rejected = [info.rejected].flat()
      if (rejected.length > 0) throw new Error(`The mail server refused ${rejected.join(', ')}`)
      return { response: String(info.response) }
    },
    close() {
      transport.close()
    },
  }
}
