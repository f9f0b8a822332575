import { PGlite } from '@electric-sql/pglite';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pgliteDriver } from '../../src/lib/server/db/pglite-driver';
import { prepareDatabase } from '../../src/lib/server/db/setup';
import { databaseTypes } from '../../src/lib/server/db/typegen';

const FILE = 'src/lib/database.types.ts';

// `npm run db:types` runs this file with DATABASE_TYPES=write to regenerate the file.
describe('src/lib/database.types.ts', () => {
	it('matches the migrations', async () => {
		const driver = pgliteDriver(await PGlite.create());
		try {
			await prepareDatabase(driver, { demoData: false });
			const fresh = await databaseTypes(driver);
			if (process.env.DATABASE_TYPES === 'write') writeFileSync(FILE, fresh);
			expect(readFileSync(FILE, 'utf8'), `${FILE} is stale: run \`npm run db:types\``).toBe(fresh);
		} finally {
			await driver.close();
		}
	});
});
