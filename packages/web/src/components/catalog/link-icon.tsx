// The small picture beside a metadata.links entry: Backstage's icon names (and link types) mapped to
// a glyph, so a runbook, a dashboard and the docs can be told apart at a glance.
const glyphs: Record<string, string> = {
  dashboard: '▦',
  grafana: '▦',
  docs: '❡',
  techdocs: '❡',
  documentation: '❡',
  runbook: '⚑',
  help: '?',
  chat: '✉',
  slack: '✉',
  email: '@',
  github: '⌥',
  gitlab: '⌥',
  repository: '⌥',
  source: '⌥',
  user: '☺',
  group: '☷',
  warning: '⚠',
  alert: '⚠',
  catalog: '☰',
  search: '⌕',
};

export function LinkIcon({ icon, type }: { icon?: string | undefined; type?: string | undefined }) {
  const name = [icon, type].find((each) => each && glyphs[each.toLowerCase().replace(/^kind:/, '')]);
  const glyph = name ? glyphs[name.toLowerCase().replace(/^kind:/, '')] : '↗';
  return (
    <span className="link-icon" aria-hidden="true">
      {glyph}
    </span>
  );
}
