/**
 * The PostgREST stand-in must refuse what PostgREST refuses, or the contract suite's Supabase run
 * would prove nothing about roles and tokens. Also: the Supabase adapter never lets a signed-in
 * call fall back to anon.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { asUser } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { supabasePort } from '../../src/lib/server/db/supabase-adapter';
import { backends } from '../support/backends';
import { signJwt, startSupabaseStandIn, type SupabaseStandIn } from '../support/supabase-stand-in';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

const pglite = backends[0]!;

describe('the PostgREST stand-in', () => {
	let driver: SqlDriver;
	let dispose: () => Promise<void>;
	let stand: SupabaseStandIn;
	const post = (fn: string, body: unknown, token?: string) =>
		fetch(`${stand.url}/rest/v1/rpc/${fn}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: JSON.stringify(body)
		});

	beforeAll(async () => {
		({ driver, dispose } = await pglite.fresh());
		stand = await startSupabaseStandIn(driver, { maxRows: 3 });
	});
	afterAll(async () => {
		await stand?.close();
		await dispose?.();
	});

	it('refuses a token signed with another secret, even one claiming service_role', async () => {
		const forged = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode('not-the-project-secret-0123456789abcdef'));
		const res = await post('list_datasets', {}, forged);
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: 'PGRST301' });
	});

	it('refuses an expired token', async () => {
		const res = await post('list_datasets', {}, await signJwt({ role: 'anon' }, '-1m'));
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
	});

	it("answers a refusal with PostgREST's status: 401 for anon, 403 for a signed-in person", async () => {
		const anonRes = await post('create_dataset', { slug: 'x-anon', title: 'X' }, await signJwt({ role: 'anon' }));
		expect(anonRes.status).toBe(401);
		expect(await anonRes.json()).toMatchObject({ code: '42501' });
		const ann = await createUser(driver, 'ann');
		const bo = await createUser(driver, 'bo');
		await sqlPort(driver).rpc('create_dataset', { slug: 'anns', title: 'Ann' }, ann);
		const token = await signJwt({ role: 'authenticated', sub: bo.userId });
		const boRes = await post('set_dataset_status', { dataset_slug: 'anns', status: 'closed' }, token);
		expect(boRes.status).toBe(403);
	});

	it('cuts a set-returning answer at max rows, as db-max-rows does', async () => {
		const cy = await createUser(driver, 'cy');
		for (const n of [1, 2, 3, 4, 5]) await sqlPort(driver).rpc('create_dataset', { slug: `cy-${n}`, title: `Cy ${n}` }, cy);
		const token = await signJwt({ role: 'authenticated', sub: cy.userId });
		const rows = (await (await post('list_datasets', {}, token)).json()) as unknown[];
		expect(rows).toHaveLength(3);
	});

	it('answers 404 for a function that is not there or arguments it does not take', async () => {
		expect((await post('no_such_function', {})).status).toBe(404);
		expect((await post('list_datasets', { surprise: 1 })).status).toBe(404);
	});

	it('the Supabase adapter refuses to call for a signed-in person without their token', async () => {
		const db = supabasePort({ url: stand.url, anonKey: await signJwt({ role: 'anon' }) });
		const before = stand.requests;
		await expect(db.rpc('list_datasets', {}, asUser('00000000-0000-0000-0000-000000000001'))).rejects.toThrow(/needs their access token/);
		expect(stand.requests).toBe(before);
		const err = await refusal(db.rpc('create_dataset', { slug: 'via-adapter', title: 'X' }, { role: 'anon' }));
		expect(err.code).toBe('42501');
		expect(stand.requests).toBe(before + 1);
	});
});
