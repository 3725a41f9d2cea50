// Renders a message's text blocks as the plain-text and HTML bodies of an email, with the links it needs: the
// booking's manage link, and an unsubscribe link on anything that is not strictly about care.
import type { MessageText } from '@stipple/domain'

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)

export interface RenderOptions {
  clinicName: string
  /** A link the message is built around (manage a booking), shown after the body. */
  action?: { label: string; url: string }
  /** For messages that are not strictly about care: where to stop them. */
  unsubscribeUrl?: string
}

export function renderMail(message: MessageText, options: RenderOptions): RenderedMail {
  const text: string[] = []
  const html: string[] = []
  for (const block of message.blocks) {
    if (block.kind === 'paragraph') {
      text.push(block.text)
      html.push(`<p>${escapeHtml(block.text)}</p>`)
    } else {
      text.push(block.items.map((i) => `- ${i}`).join('\n'))
      html.push(`<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`)
    }
  }
  if (options.action !== undefined) {
    text.push(`${options.action.label}: ${options.action.url}`)
    html.push(`<p><a href="${escapeHtml(options.action.url)}">${escapeHtml(options.action.label)}</a></p>`)
  }
  text.push(`With best wishes,\n${options.clinicName}`)
  html.push(`<p>With best wishes,<br>${escapeHtml(options.clinicName)}</p>`)
  if (options.unsubscribeUrl !== undefined) {
    const note = `You receive this because you agreed to hear from ${options.clinicName}. To stop these emails (care messages about your treatment will still come):`
    text.push(`--\n${note} ${options.unsubscribeUrl}`)
    html.push(
      `<hr><p style="font-size:small;color:#555">${escapeHtml(note)} <a href="${escapeHtml(options.unsubscribeUrl)}">unsubscribe</a></p>`
    )
  }
  return {
    subject: message.subject,
    text: `${text.join('\n\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${html.join('\n')}</body></html>`,
  }
}
