// `steward incident …`: declare, list, show, update, role, status, note, postmortem and follow-up,
// against a server. Readable text by default, `--format json` for scripts.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { clientFromFlags, withServerOption } from '../../platform/cli/client.ts';
import { type Format, printRecord, printRows } from '../../platform/cli/output.ts';
import { examples, formatOption, usageError } from '../../platform/cli/program.ts';
import { registerFollowUpCommands } from './follow-up-commands.ts';
import { roleNames } from './roles.ts';
import {
  type IncidentView,
  incidentListSchema,
  incidentSchema,
  incidentStateSchema,
  incidentTimelineItemSchema,
  incidentTimelineSchema,
  postmortemSchema,
  statusUpdateSchema,
} from './schemas.ts';

type Flags = { server?: string; format: Format };
const path = (id: string, rest = '') => `/api/v1/incidents/${encodeURIComponent(id)}${rest}`;

export function registerIncidentCommands(program: Command): void {
  const incident = program
    .command('incident')
    .description(
      'Incidents: declare, run (state, roles, status updates, notes), learn (postmortem, follow-ups).',
    )
    .addHelpText('after', '\nReading needs any token; every other verb a token with the write scope.\n');

  withServerOption(incident.command('declare').argument('[title]', 'what is wrong, e.g. "Checkout fails"'))
    .description('Declare an incident, by hand or from an alert.')
    .option('--severity <name>', 'SEV1 (worst) to SEV4, or as configured')
    .option('--service <ref...>', 'affected services (checkout or component:checkout)')
    .option('--alert <id...>', 'alerts to attach (with no --service, their services count)')
    .option('--commander <user>', 'who commands (user:mia or mia)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward incident declare "Checkout fails for card payments" --severity SEV1 --service checkout',
        'steward incident declare --alert 0b6c… --severity SEV2',
      ),
    )
    .action(
      async (
        title: string | undefined,
        flags: Flags & { severity?: string; service?: string[]; alert?: string[]; commander?: string },
      ) => {
        const client = clientFromFlags(flags);
        if (!title && flags.alert?.length === 1 && !flags.service) {
          const body = flags.severity ? { severity: flags.severity } : {};
          const url = `/api/v1/alerts/${encodeURIComponent(flags.alert[0] as string)}/incident`;
          return printIncident(await client.request('POST', url, incidentSchema, body), flags.format);
        }
        if (!title)
          throw usageError(
            'say what is wrong: steward incident declare "Checkout fails" --severity SEV2 --service checkout',
          );
        if (!flags.severity) throw usageError('--severity is required (SEV1 worst … SEV4)');
        const body = {
          title,
          severity: flags.severity,
          services: flags.service ?? [],
          ...(flags.alert ? { alerts: flags.alert } : {}),
          ...(flags.commander ? { roles: { commander: flags.commander } } : {}),
        };
        printIncident(await client.request('POST', '/api/v1/incidents', incidentSchema, body), flags.format);
      },
    );

  withServerOption(incident.command('list'))
    .description('List incidents, newest first.')
    .option('--open', 'only triage, active and mitigated')
    .option('--state <state>', 'only this state')
    .option('--team <ref>', "only this team's")
    .option('--service <ref>', 'only those affecting this service')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward incident list --open', 'steward incident list --team payments --format json'),
    )
    .action(async (flags: Flags & { open?: boolean; state?: string; team?: string; service?: string }) => {
      if (flags.state && !incidentStateSchema.safeParse(flags.state).success)
        throw usageError(
          `--state ${JSON.stringify(flags.state)} is not a state; use one of ${incidentStateSchema.options.join(', ')}`,
        );
      const query = new URLSearchParams();
      if (flags.open) query.set('open', 'true');
      for (const key of ['state', 'team', 'service'] as const)
        if (flags[key]) query.set(key, flags[key] as string);
      const page = await clientFromFlags(flags).request(
        'GET',
        `/api/v1/incidents?${query}`,
        incidentListSchema,
      );
      printRows(
        page.items,
        [
          { header: 'id', value: (i) => i.id },
          { header: 'severity', value: (i) => i.severity },
          { header: 'state', value: (i) => i.state },
          { header: 'commander', value: (i) => i.roles.commander ?? '-' },
          { header: 'teams', value: (i) => i.teams.join(', ') },
          { header: 'title', value: (i) => i.title },
        ],
        flags.format,
        page,
      );
    });

  withServerOption(incident.command('show').argument('<id>', 'the incident id'))
    .description('Show an incident and its timeline.')
    .addOption(formatOption())
    .action(async (id: string, flags: Flags) => {
      const client = clientFromFlags(flags);
      const shown = await client.request('GET', path(id), incidentSchema);
      const timeline = await client.request('GET', path(id, '/timeline'), incidentTimelineSchema);
      printIncident(shown, flags.format, { ...shown, timeline: timeline.items });
      // One line per item: a timeline reads down the page, not across it.
      if (flags.format === 'text')
        process.stdout.write(
          `\ntimeline:\n${timeline.items.map((t) => `  ${t.at}  ${t.actor}: ${t.text}\n`).join('')}`,
        );
    });

  withServerOption(incident.command('update').argument('<id>', 'the incident id'))
    .description('Move the state, change severity or title.')
    .option('--state <state>', 'active, mitigated, resolved, post-incident, closed, declined or merged')
    .option('--merged-into <id>', 'with --state merged: the incident it joins')
    .option('--severity <name>', 'the new severity')
    .option('--title <text>', 'a better title')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward incident update 7f3a… --state mitigated',
        'steward incident update 7f3a… --severity SEV1',
      ),
    )
    .action(
      async (
        id: string,
        flags: Flags & { state?: string; mergedInto?: string; severity?: string; title?: string },
      ) => {
        const body = {
          ...(flags.state ? { state: flags.state } : {}),
          ...(flags.mergedInto ? { mergedInto: flags.mergedInto } : {}),
          ...(flags.severity ? { severity: flags.severity } : {}),
          ...(flags.title ? { title: flags.title } : {}),
        };
        if (Object.keys(body).length === 0)
          throw usageError('say what to change: --state, --severity or --title');
        printIncident(
          await clientFromFlags(flags).request('PATCH', path(id), incidentSchema, body),
          flags.format,
        );
      },
    );

  withServerOption(
    incident
      .command('role')
      .argument('<id>', 'the incident id')
      .argument('<role>', roleNames.join(', '))
      .argument('<person>', 'user:mia or mia; "none" takes the role away'),
  )
    .description('Give a role (the person is notified) or take it away.')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward incident role 7f3a… commander mia', 'steward incident role 7f3a… scribe none'),
    )
    .action(async (id: string, role: string, person: string, flags: Flags) => {
      if (!(roleNames as readonly string[]).includes(role))
        throw usageError(`${JSON.stringify(role)} is not a role; use one of ${roleNames.join(', ')}`);
      const body = { roles: { [role]: person === 'none' ? null : person } };
      printIncident(
        await clientFromFlags(flags).request('PATCH', path(id), incidentSchema, body),
        flags.format,
      );
    });

  withServerOption(
    incident.command('status').argument('<id>', 'the incident id').argument('<summary>', 'for the audience'),
  )
    .description('Post a status update (audience-facing); --internal adds a note for responders.')
    .option('--internal <text>', 'a note for responders only')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples('steward incident status 7f3a… "Card payments fail for some customers; we are rolling back"'),
    )
    .action(async (id: string, summary: string, flags: Flags & { internal?: string }) => {
      const body = { summary, ...(flags.internal ? { internal: flags.internal } : {}) };
      const update = await clientFromFlags(flags).request(
        'POST',
        path(id, '/status-updates'),
        statusUpdateSchema,
        body,
      );
      printRecord(
        { at: update.at, author: update.author, state: update.state, summary: update.summary },
        flags.format,
        update,
      );
    });

  withServerOption(
    incident
      .command('note')
      .argument('<id>', 'the incident id')
      .argument('<text>', 'what happened or was tried'),
  )
    .description('Add a note to the timeline.')
    .addOption(formatOption())
    .action(async (id: string, text: string, flags: Flags) => {
      const item = await clientFromFlags(flags).request(
        'POST',
        path(id, '/notes'),
        incidentTimelineItemSchema,
        {
          text,
        },
      );
      printRecord({ id: item.id, at: item.at, text: item.text }, flags.format, item);
    });

  withServerOption(incident.command('postmortem').argument('<id>', 'the incident id'))
    .description(
      'Draft the postmortem (once resolved) and print its Markdown; --edit FILE replaces its text.',
    )
    .option('--edit <file>', 'a Markdown file to store as the new text')
    .option('--base-version <n>', 'with --edit: the version you edited (printed when you fetched it)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      examples(
        'steward incident postmortem 7f3a… > postmortem.md',
        'steward incident postmortem 7f3a… --edit postmortem.md --base-version 1',
      ),
    )
    .action(async (id: string, flags: Flags & { edit?: string; baseVersion?: string }) => {
      const client = clientFromFlags(flags);
      // The version edited must come from the user: defaulting to the current one would overwrite
      // whatever someone else saved since they fetched it.
      const version = Number(flags.baseVersion);
      if (flags.edit && (!Number.isInteger(version) || version < 1))
        throw usageError(
          `--edit needs --base-version: the version you edited (a whole number from 1, printed when you fetched it)`,
        );
      let postmortem = await client.request('POST', path(id, '/postmortem'), postmortemSchema);
      if (flags.edit) {
        const markdown = readFileSync(flags.edit, 'utf8');
        postmortem = await client.request('PUT', path(id, '/postmortem'), postmortemSchema, {
          markdown,
          version,
        });
      }
      if (flags.format === 'json') return printRecord({}, 'json', postmortem);
      process.stderr.write(
        `postmortem version ${postmortem.version}, last saved by ${postmortem.updatedBy}; edit it and send it back with --edit FILE --base-version ${postmortem.version}\n`,
      );
      process.stdout.write(
        postmortem.markdown.endsWith('\n') ? postmortem.markdown : `${postmortem.markdown}\n`,
      );
    });

  registerFollowUpCommands(incident);
}

function printIncident(incident: IncidentView, format: Format, json: unknown = incident): void {
  printRecord(
    {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      state: incident.state,
      services: incident.services,
      teams: incident.teams,
      roles: Object.entries(incident.roles).map(([role, person]) => `${role}: ${person}`),
      alerts: incident.alerts,
      'next update': incident.nextUpdateAt ?? '-',
      'can move to': incident.allowedMoves.join(', ') || '(final)',
    },
    format,
    json,
  );
}
