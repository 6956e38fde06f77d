// `steward slo generate`: Sloth and OpenSLO specs → Prometheus rules, offline.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliExit, examples, exitCodes, usageError } from '../../platform/cli/program.ts';
import { compileSpecs } from './engine/compile.ts';
import { day, parseDuration } from './engine/durations.ts';
import type { Extras } from './engine/model.ts';
import { registerSloServerCommands } from './server-commands.ts';

type GenerateFlags = { out?: string; period: string; absentFor?: string; minTraffic?: string };

export function registerSloCommands(program: Command): void {
  const slo = program
    .command('slo')
    .description(
      'Service level objectives: compile specs to Prometheus rules; list SLOs and their budget on a server.',
    );
  registerSloServerCommands(slo);
  slo
    .command('generate')
    .description(
      'Compile Sloth prometheus/v1 and OpenSLO v1 specs into one Prometheus rules file (recording rules, multiwindow multi-burn-rate alerts). A Sloth spec comes out exactly as Sloth writes it.',
    )
    .argument('<spec...>', 'spec files (YAML; several documents per file allowed)')
    .option('--out <file>', 'write the rules here instead of stdout')
    .option('--period <duration>', "the SLO period of Sloth specs (they do not say; Sloth's default)", '30d')
    .option(
      '--absent-for <duration>',
      'extra: also alert when the SLI metrics have been absent this long (e.g. 10m)',
    )
    .option('--min-traffic <rate>', 'extra: hold burn alerts while the total query is below this (events/s)')
    .addHelpText(
      'after',
      examples(
        'steward slo generate slos/checkout.yaml --out rules/checkout-slos.yaml',
        'steward slo generate slos/*.yaml | promtool check rules /dev/stdin',
        'steward slo generate openslo/ledger.yaml --absent-for 10m --min-traffic 0.5',
      ),
    )
    .action(async (specs: string[], flags: GenerateFlags) => {
      const files = await Promise.all(specs.map(async (file) => ({ file, text: await readSpec(file) })));
      const result = compileSpecs(files, { periodMs: period(flags.period), extras: extras(flags) });
      for (const p of result.problems) {
        process.stderr.write(
          `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}\n`,
        );
      }
      if (result.problems.length > 0) {
        const count = result.problems.length;
        throw new CliExit(
          exitCodes.usage,
          `no rules written: ${count} problem${count === 1 ? '' : 's'} in the specs (above)`,
        );
      }
      if (flags.out) await writeFile(flags.out, result.rules);
      else process.stdout.write(result.rules);
    });
}

async function readSpec(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw usageError(`cannot read the SLO spec ${file}: ${reason}`);
  }
}

function period(text: string): number {
  const ms = parseDuration(text);
  if (!ms || ms % day !== 0 || ms < 7 * day) {
    throw usageError(`--period ${text}: give whole days of at least a week, e.g. 30d or 28d`);
  }
  return ms;
}

function extras(flags: GenerateFlags): Extras {
  const out: Extras = {};
  if (flags.absentFor !== undefined) {
    const ms = parseDuration(flags.absentFor);
    if (!ms) throw usageError(`--absent-for ${flags.absentFor}: give a duration such as 10m`);
    out.absentForMs = ms;
  }
  if (flags.minTraffic !== undefined) {
    const value = Number(flags.minTraffic);
    if (flags.minTraffic.trim() === '' || !Number.isFinite(value) || value < 0) {
      throw usageError(`--min-traffic ${flags.minTraffic}: give a number of events per second, such as 0.5`);
    }
    out.minTraffic = value;
  }
  return out;
}
