import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create();
await db.exec(`create role anon nologin; create role authenticated nologin; create table t(id int, owner text); alter table t enable row level security; grant select, insert on t to authenticated; create policy p on t for select to authenticated using (owner = current_setting('request.jwt.claims', true)::json->>'sub'); insert into t values (1,'u1'),(2,'u2');`);
const r = await db.transaction(async tx => {
  await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({sub:'u1'})]);
  await tx.query('set local role authenticated');
  return (await tx.query('select * from t')).rows;
});
console.log(r, (await db.query('select current_user')).rows);
const c = await db.clone(); console.log((await c.query('select count(*) from t')).rows);
try { await db.transaction(async tx => { await tx.query('set local role anon'); await tx.query('select * from t'); }); } catch (e) { console.log('anon:', e.message); }
