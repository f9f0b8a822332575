import type { SqlDriver, SqlSession } from '../../src/lib/server/db/driver';

/**
 * Runs `fn` in one transaction as `service_role`, so a test can call the private export steps
 * directly, in orders the app never uses, and see what the database refuses.
 */
export function asServiceRole<T>(driver: SqlDriver, fn: (tx: SqlSession) => Promise<T>): Promise<T> {
	return driver.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'service_role', true)`, [
			JSON.stringify({ role: 'service_role' })
		]);
		return fn(tx);
	});
}
