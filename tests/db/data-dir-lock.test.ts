import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/server/db/pglite-driver';

describe('one server per embedded data directory', () => {
	const dirs: string[] = [];
	const newDir = () => {
		const dir = mkdtempSync(join(tmpdir(), 'pc-lock-'));
		dirs.push(dir);
		return dir;
	};
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	it('refuses a second open while the first is running, and allows it once closed', async () => {
		const dir = newDir();
		const first = await openPglite(dir);
		await expect(openPglite(dir)).rejects.toThrow(`in use by process ${process.pid}`);
		await first.close();
		const second = await openPglite(dir);
		expect(await second.query('select 1 as one')).toEqual([{ one: 1 }]);
		await second.close();
	});

	it('takes over a lock left by a process that died (kill -9)', async () => {
		const dir = newDir();
		const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
		writeFileSync(join(dir, 'preference-commons.pid'), String(dead));
		const db = await openPglite(dir);
		expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
		await db.close();
	});
});
