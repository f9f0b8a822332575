import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { asUser, type Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';

/** An account row as the local auth service would make it, plus its profile, made as that user. */
export async function createUser(driver: SqlDriver, name: string): Promise<Member> {
	const email = `${name}-${randomUUID().slice(0, 8)}@example.org`;
	const rows = await driver.query<{ id: string }>(
		`insert into auth.users (email, encrypted_password) values ($1, 'not-a-real-hash') returning id`,
		[email]
	);
	const caller = asUser(rows[0]!.id, email);
	await sqlPort(driver).rpc('ensure_profile', { display_name: name }, caller);
	return caller;
}
