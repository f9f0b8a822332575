import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/lib/server/db/postgres-driver';
import { prepareDatabase } from '../../src/lib/server/db/setup';

/**
 * With TEST_DATABASE_URL, migrates one template database once; each test file then gets its own
 * database copied from it (the PostgreSQL twin of PGlite's clone()).
 */
export default async function setup(project: TestProject) {
	const url = process.env.TEST_DATABASE_URL;
	if (!url) {
		console.warn('\n[db tests] TEST_DATABASE_URL is not set: the PostgreSQL runs are SKIPPED; PGlite runs only.\n');
		project.provide('pgTemplate', null);
		return;
	}
	const admin = openPostgres(url, { max: 1 });
	const template = `pc_template_${process.pid}`;
	await admin.exec(`drop database if exists ${template}`);
	await admin.exec(`create database ${template}`);
	const driver = openPostgres(withDatabase(url, template), { max: 1 });
	await prepareDatabase(driver, { demoData: false });
	await driver.close();
	project.provide('pgTemplate', { url, template });
	return async () => {
		await admin.exec(`drop database if exists ${template} with (force)`);
		await admin.close();
	};
}

export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgTemplate: { url: string; template: string } | null;
	}
}
