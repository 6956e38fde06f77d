// The names of a caller's teams, from identity's teams table (read only): team members may change
// what their team owns, and Group entities are teams by name.
import type { CatalogDb } from './tables.ts';

export async function teamNamesOf(db: CatalogDb, teamIds: readonly string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db.selectFrom('teams').select('name').where('id', 'in', teamIds).execute();
  return rows.map((r) => r.name);
}
