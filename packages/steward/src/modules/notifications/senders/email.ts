// Email over SMTP (nodemailer): subject "[Steward] <summary>", a text and an HTML body with the links.
// SMTP replies 5xx are permanent (bad mailbox, refused); 4xx and lost connections are worth a retry.
import { createTransport, type Transporter } from 'nodemailer';
import { incidentLine, isGap, isIncident, isShift, type Message, shiftLine } from './message.ts';
import type { SendOutcome } from './outcome.ts';

export interface SmtpSettings {
  /** smtp://[user:pass@]host:port, or smtps:// for TLS from the start. */
  url: string;
  from: string;
}

export type SendEmail = (to: string, message: Message) => Promise<SendOutcome>;

export function emailSender(smtp: SmtpSettings | undefined, timeoutMs: number): SendEmail {
  if (!smtp) {
    return async () => ({
      kind: 'skipped',
      reason: 'email is not configured: set STEWARD_SMTP_URL (smtp://host:port) and STEWARD_SMTP_FROM',
    });
  }
  let transport: Transporter | undefined;
  return async (to, message) => {
    transport ??= createTransport(smtp.url, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    try {
      const info = await transport.sendMail({ from: smtp.from, to, ...emailContent(message) });
      return { kind: 'sent', detail: `SMTP accepted it for ${to}: ${info.response}` };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const reason = `SMTP to ${to} failed: ${(error as Error).message}`;
      return { kind: 'failed', reason, retryable: !(code !== undefined && code >= 500) };
    }
  };
}

export function emailContent(message: Message): { subject: string; text: string; html: string } {
  if (isShift(message)) {
    const line = shiftLine(message);
    const rota = message.shift.schedule ?? message.shift.policy ?? 'rota';
    const subject = isGap(message)
      ? `[Steward] Nobody on call from ${message.shift.from}: ${rota}`
      : `[Steward] On call from ${message.shift.from}: ${rota}`;
    return { subject, text: line, html: `<p>${escapeHtml(line)}</p>` };
  }
  if (isIncident(message)) {
    const line = incidentLine(message);
    const subject = `[Steward] ${line}`.replace(/[\r\n]+/g, ' ');
    const url = message.incident.url;
    return {
      subject,
      text: `${line}\n\n${url}`,
      html: `<p>${escapeHtml(line)}</p>\n<p><a href="${escapeHtml(url)}">Open the incident</a></p>`,
    };
  }
  const { alert, links } = message;
  const subject = `[Steward] ${alert.summary}`.replace(/[\r\n]+/g, ' ');
  const facts = [
    `Status: ${alert.status}`,
    `Service: ${alert.service ?? 'unknown'}`,
    `Team: ${alert.team ?? 'unknown'}`,
    `Paging: ${message.person} (level ${message.level})`,
  ];
  // A test send has no alert to act on, so no links.
  const actions = [
    ['Acknowledge', links.acknowledge],
    ['Resolve', links.resolve],
  ].filter(([, url]) => url !== '');
  const text = [alert.summary, '', ...facts, '', ...actions.map(([name, url]) => `${name}: ${url}`)].join(
    '\n',
  );
  const html = [
    `<p><strong>${escapeHtml(alert.summary)}</strong></p>`,
    `<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    `<p>${actions.map(([name, url]) => `<a href="${escapeHtml(url ?? '')}">${name}</a>`).join(' · ')}</p>`,
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
