// An incident notice as each sender words it: the webhook's own JSON, a Slack line with the link, and
// an email whose subject cannot carry a header break; text from the incident stays text.
import { describe, expect, it } from 'vitest';
import { emailContent } from './email.ts';
import type { IncidentMessage } from './message.ts';
import { slackBody } from './slack.ts';
import { webhookBody } from './webhook.ts';

const message: IncidentMessage = {
  kind: 'incident',
  incident: {
    id: 'i-1',
    title: 'Checkout <down>\r\nBcc: x@evil.example',
    severity: 'SEV1',
    state: 'active',
    url: 'https://steward.example/incidents/i-1',
  },
  text: 'you are now the commander of this incident (given by mia)',
  person: 'user:default/noah',
  idempotencyKey: 'k:1',
};

describe('incident notices', () => {
  it('posts the webhook JSON with the incident and the sentence', () => {
    expect(webhookBody(message)).toEqual({
      type: 'incident.notice',
      person: 'user:default/noah',
      text: 'you are now the commander of this incident (given by mia)',
      incident: message.incident,
    });
  });

  it('escapes Slack mrkdwn and links the incident', () => {
    const body = slackBody(message);
    expect(body.text).toContain('[SEV1 active] Checkout <down>');
    expect(body.text.endsWith('https://steward.example/incidents/i-1')).toBe(true);
    expect(JSON.stringify(body.blocks)).toContain('Checkout &lt;down&gt;');
  });

  it('keeps the email subject on one line and escapes the HTML', () => {
    const email = emailContent(message);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.startsWith('[Steward] [SEV1 active] Checkout <down> Bcc: x@evil.example')).toBe(
      true,
    );
    expect(email.html).toContain('Checkout &lt;down&gt;');
    expect(email.html).toContain('<a href="https://steward.example/incidents/i-1">Open the incident</a>');
    expect(email.text.endsWith('https://steward.example/incidents/i-1')).toBe(true);
  });
});
