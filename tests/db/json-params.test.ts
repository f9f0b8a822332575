import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { backends } from '../support/backends';

// The port sends objects as JSON text. Each driver must hand that text to a json or jsonb
// parameter as the value it encodes, not as a JSON string holding it.
for (const backend of backends) {
	describe.skipIf(backend.skip)(`JSON parameters on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		beforeAll(async () => ({ driver, dispose } = await backend.fresh()));
		afterAll(() => dispose?.());

		it('JSON text reaches a jsonb or json parameter as the object it encodes', async () => {
			const text = JSON.stringify([{ file_row: 1, prompt: 'hi' }]);
			const rows = await driver.query<{ b: string; j: string; row: number }>(
				`select jsonb_typeof($1::jsonb) as b, json_typeof($2::json) as j, ($1::jsonb -> 0 ->> 'file_row')::int as row`,
				[text, text]
			);
			expect(rows[0]).toEqual({ b: 'array', j: 'array', row: 1 });
		});
	});
}
