import type { SqlDriver, SqlSession } from '../db/driver';

/**
 * Runs `fn` in one transaction as `service_role`, the only role that may read votes through
 * the export filter. Each page of an export is its own short transaction, so an embedded
 * database keeps serving other requests between pages.
 */
export function asServiceRole<T>(driver: SqlDriver, fn: (tx: SqlSession) => Promise<T>): Promise<T> {
	return driver.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'service_role', true)`, [
			JSON.stringify({ role: 'service_role' })
		]);
		return fn(tx);
	});
}
