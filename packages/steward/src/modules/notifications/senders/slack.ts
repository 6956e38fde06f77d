// A Slack-compatible incoming-webhook message (Slack, Mattermost, Rocket.Chat accept `text` + `blocks`):
// `text` is the fallback for notifications, `blocks` what the channel shows.
import { incidentLine, isGap, isIncident, isShift, type Message, shiftLine } from './message.ts';

export function slackBody(message: Message) {
  if (isShift(message)) {
    const text = isGap(message)
      ? `Gap in on-call: ${shiftLine(message)}`
      : `On call soon: ${shiftLine(message)}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
  }
  if (isIncident(message)) {
    const text = `${incidentLine(message)} ${message.incident.url}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
  }
  const { alert, links } = message;
  const where = [`service: ${alert.service ?? 'unknown'}`, `team: ${alert.team ?? 'unknown'}`].join(' · ');
  const text = `[${alert.status}] ${alert.summary} (${where}) for ${message.person}, level ${message.level}`;
  const hasLinks = links.acknowledge !== '' || links.resolve !== '';
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeMrkdwn(alert.summary)}*\n${escapeMrkdwn(where)}` },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: escapeMrkdwn(`${alert.status} · paging ${message.person} · level ${message.level}`),
          },
        ],
      },
      ...(hasLinks
        ? [
            {
              type: 'actions',
              elements: [
                { type: 'button', text: { type: 'plain_text', text: 'Acknowledge' }, url: links.acknowledge },
                { type: 'button', text: { type: 'plain_text', text: 'Resolve' }, url: links.resolve },
              ],
            },
          ]
        : []),
    ],
  };
}

/** Slack's mrkdwn gives &, < and > meaning; an alert summary is plain text. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
