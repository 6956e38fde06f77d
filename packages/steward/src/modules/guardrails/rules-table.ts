// `steward scan --list-rules`: every rule with its severity, whether it is on by default, and the
// peers' ids for it, so a team can map its kube-score / Polaris / Checkov / Trivy skip lists.
import type { Peer, Rule } from './engine/model.ts';

export function rulesTable(rules: Rule[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const state = r.enabledByDefault ? 'on ' : 'off';
    const aliases = r.aliases.length > 0 ? `  (${r.aliases.join(', ')})` : '';
    return `${r.id.padEnd(width)}  ${r.severity.padEnd(8)} ${state}  ${r.title}${aliases}`;
  });
  return `${lines.join('\n')}\n`;
}

const peerTitles: Record<Peer, string> = {
  'kube-score': 'kube-score',
  polaris: 'Polaris',
  checkov: 'Checkov',
  trivy: 'Trivy',
  hadolint: 'hadolint',
};

/** The rules as the Markdown table docs/guardrails.md shows for one kind of file, columns padded. */
export function rulesMarkdown(rules: Rule[], columns: Peer[]): string {
  const code = (ids: string[]) => (ids.length > 0 ? ids.map((id) => `\`${id}\``).join(', ') : '—');
  const rows = rules.map((r) => [
    `\`${r.id}\``,
    r.severity,
    r.enabledByDefault ? 'on' : 'off',
    r.title,
    ...columns.map((peer) =>
      code(r.aliases.filter((a) => a.startsWith(`${peer}:`)).map((a) => a.slice(peer.length + 1))),
    ),
  ]);
  const header = ['rule', 'severity', 'default', 'what', ...columns.map((p) => peerTitles[p])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
