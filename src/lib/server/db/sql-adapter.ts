import type { SqlDriver, SqlSession } from './driver';
import { claimsOf, type Caller, type DbPort, type RpcArgs } from './port';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string, what: string): string {
	if (!IDENTIFIER.test(name)) throw new Error(`invalid ${what} name: ${JSON.stringify(name)}`);
	return name;
}

/** Objects and arrays go to Postgres as JSON text; the function's parameter type decides the rest. */
function param(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
		return JSON.stringify(value);
	}
	return value;
}

/**
 * Runs `fn` in a transaction as `caller`, exactly as PostgREST does: the claims and the role are
 * transaction-local, so nothing leaks to the next request on the same connection.
 */
export function runAs<T>(driver: SqlDriver, caller: Caller, fn: (tx: SqlSession) => Promise<T>) {
	return driver.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [
			JSON.stringify(claimsOf(caller)),
			caller.role
		]);
		return fn(tx);
	});
}

/** The db port over any SQL driver: calls `public.<fn>` and returns JSON values like PostgREST. */
export function sqlPort(driver: SqlDriver): DbPort & { driver: SqlDriver } {
	type Shape = 'set' | 'json' | 'value';
	const shapes = new Map<string, Shape>();

	/** How a function's result becomes JSON: rows aggregated, JSON as it is, or a value converted. */
	async function shapeOf(fn: string): Promise<Shape> {
		let known = shapes.get(fn);
		if (known === undefined) {
			const rows = await driver.query<{ retset: boolean | null; json: boolean | null }>(
				`select bool_or(p.proretset) as retset, bool_and(p.prorettype in ('json'::regtype, 'jsonb'::regtype)) as json
				 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				 where n.nspname = 'public' and p.proname = $1`,
				[fn]
			);
			if (rows[0]?.retset == null) throw new Error(`no function public.${fn}`);
			known = rows[0].retset ? 'set' : rows[0].json ? 'json' : 'value';
			shapes.set(fn, known);
		}
		return known;
	}

	const SQL: Record<Shape, (call: string) => string> = {
		set: (call) => `select coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) as result from ${call} r`,
		// Already JSON: converting a large page to jsonb and back would only cost time.
		json: (call) => `select ${call} as result`,
		value: (call) => `select to_jsonb(${call}) as result`
	};

	return {
		driver,
		async rpc<T>(fn: string, args: RpcArgs, caller: Caller): Promise<T> {
			identifier(fn, 'function');
			// An undefined argument is left out, so its default applies, as in PostgREST (JSON drops it).
			const names = Object.keys(args).filter((n) => args[n] !== undefined);
			const call = `public.${fn}(${names.map((n, i) => `${identifier(n, 'argument')} => $${i + 1}`).join(', ')})`;
			const sql = SQL[await shapeOf(fn)](call);
			const rows = await runAs(driver, caller, (tx) =>
				tx.query<{ result: T }>(sql, names.map((n) => param(args[n])))
			);
			return rows[0]!.result;
		},
		close: () => driver.close()
	};
}
