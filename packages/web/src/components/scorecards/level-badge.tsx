// The level an entity holds on a scorecard: the top rung in green, any other in blue, none in red.
import { Badge } from '../badge.tsx';

export function LevelBadge({ level, levels }: { level: string | null; levels: readonly string[] }) {
  if (level === null) return <Badge tone="danger">No level</Badge>;
  return <Badge tone={level === levels[levels.length - 1] ? 'success' : 'accent'}>{level}</Badge>;
}
