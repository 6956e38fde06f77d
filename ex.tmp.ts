import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { spawnSteward } from './packages/steward/src/server/test-serve.ts';
import { scratchDatabase } from './bench/scratch-database.ts';
import { writeOrganisation } from './bench/catalog-scale/organisation.ts';
const dir = mkdtempSync(join(tmpdir(), 'ex-'));
const org = writeOrganisation(dir, 2000);
const scratch = await scratchDatabase('postgres://postgres@127.0.0.1:5432/test');
{ const a = new pg.Client(scratch.url); await a.connect(); await a.query(`alter database ${new URL(scratch.url).pathname.slice(1)} set log_min_duration_statement = 0`); await a.end(); }
const s = await spawnSteward({ databaseUrl: scratch.url, args: ['--catalog', dir], env: { STEWARD_LOG_LEVEL: 'error' } });
const token = s.adminToken();
const last = org.refs.at(-1)!;
const [k, rest] = last.split(':'); const [ns, nm] = rest.split('/');
for (;;) { if ((await s.call('GET', `/api/v1/entities/${k}/${ns}/${nm}`, token)).status === 200) break; await new Promise((r) => setTimeout(r, 300)); }
const c = new pg.Client(scratch.url); await c.connect();
await c.query(`alter database ${new URL(scratch.url).pathname.slice(1)} set log_min_duration_statement = 0`);
console.log('MARK', new URL(scratch.url).pathname.slice(1));
const ref = org.refs[Math.floor(org.refs.length / 2)];
const q = `explain (analyze, buffers) select e.*, s.kind as source_kind, s.name as source_name, s.target as source_target,
      s.revision as source_revision,
      coalesce((select json_agg(json_build_object('ref', o.owner_ref, 'role', o.role) order by o.role, o.owner_ref)
                from catalog_owners o where o.entity_ref = e.ref), '[]') as owners,
      coalesce((select json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref,
                  'targetExists', exists (select 1 from catalog_entities t where t.ref = r.target_ref))
                  order by r.type, r.target_ref)
                from catalog_relations r where r.source_ref = e.ref), '[]') as outgoing,
      coalesce((select json_agg(json_build_object('type', r.type, 'sourceRef', r.source_ref) order by r.type, r.source_ref)
                from (select type, source_ref from catalog_relations where target_ref = e.ref
                      order by type, source_ref limit 1000) r), '[]') as incoming,
      coalesce((select json_agg(json_build_object('sourceId', p.source_id, 'entity', p.entity_ref, 'file', p.file,
                  'line', p.line, 'column', p."column", 'severity', p.severity, 'code', p.code, 'message', p.message)
                  order by p.id)
                from (select * from catalog_problems q where q.entity_ref = e.ref and (q.target_ref is null or not exists
    (select 1 from catalog_entities held where held.ref = q.target_ref))
                      order by id limit 1000) p), '[]') as problems
    from catalog_entities e left join catalog_sources s on s.id = e.source_id
    where e.ref = $1`;
console.log(ref);
for (const r of [ref, 'group:default/team-0001', 'group:default/engineering']) {
  const res = await c.query(q, [r]);
  console.log(r, res.rows.map((x) => x['QUERY PLAN']).filter((l) => /Execution|Seq Scan|Planning/.test(l)).join('\n'));
}
const st: Record<number, number> = {};
const t = performance.now();
for (let i = 0; i < 600; i++) { const r = await s.call("GET", `/api/v1/entities/${k}/${ns}/${nm}`, token); await r.arrayBuffer(); st[r.status] = (st[r.status] ?? 0) + 1; }
console.log(st, 'sequential GET', ((performance.now() - t) / 200).toFixed(2), 'ms each');
const t2 = performance.now();
for (let i = 0; i < 200; i++) await s.call('GET', `/api/v1/who-owns?thing=${encodeURIComponent(last)}`, token).then((r) => r.arrayBuffer());
console.log('sequential who-owns', ((performance.now() - t2) / 200).toFixed(2), 'ms each');
await c.end(); await s.stop(); await scratch.drop();
