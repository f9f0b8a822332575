import postgres from 'postgres';
import type { SqlDriver, SqlSession } from './driver';
import { toDbError } from './errors';

type Sql = postgres.Sql | postgres.TransactionSql;

function session(sql: Sql): SqlSession {
	return {
		async query<R>(text: string, params: unknown[] = []) {
			try {
				return (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as R[];
			} catch (e) {
				throw toDbError(e);
			}
		},
		async exec(text: string) {
			try {
				await sql.unsafe(text).simple();
			} catch (e) {
				throw toDbError(e);
			}
		}
	};
}

/** A pooled connection to PostgreSQL (self-hosted, or Supabase's database directly). */
export function openPostgres(url: string, options: { max?: number } = {}): SqlDriver {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// int8 as a JS number, as PGlite returns it, so both drivers hand back the same rows.
		// Ids and counts stay far below 2^53.
		types: {
			int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
			// The port sends objects as JSON text, as PGlite takes them; the driver's own json type
			// would encode that text again, so a jsonb parameter would receive a JSON string.
			json: {
				to: 114,
				from: [114, 3802],
				serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
				parse: (x: string) => JSON.parse(x)
			}
		}
	});
	return {
		kind: 'postgres',
		...session(sql),
		async transaction(fn) {
			try {
				return (await sql.begin((tx) => fn(session(tx)))) as Awaited<ReturnType<typeof fn>>;
			} catch (e) {
				throw toDbError(e);
			}
		},
		close: () => sql.end({ timeout: 5 })
	};
}
