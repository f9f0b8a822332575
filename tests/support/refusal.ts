import { expect } from 'vitest';
import { DbError } from '../../src/lib/server/db/port';

/** The database's refusal of `p`, failing the test if it succeeded or failed some other way. */
export async function refusal(p: Promise<unknown>): Promise<DbError> {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(err, 'expected the database to refuse this').toBeInstanceOf(DbError);
	return err as DbError;
}
