import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenHash, memberForBearer, type ApiToken } from '../../src/lib/server/auth/api-tokens';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { anon, serviceRole, type Caller, type Member } from '../../src/lib/server/db/port';
import { runAs, sqlPort } from '../../src/lib/server/db/sql-adapter';
import { backends } from '../support/backends';
import { refusal } from '../support/refusal';
import { createUser } from '../support/users';

for (const backend of backends) {
	describe.skipIf(backend.skip)(`personal API tokens on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
		let driver: SqlDriver;
		let dispose: () => Promise<void>;
		let ann: Member, bo: Member;
		const rpc = <T>(fn: string, args: Record<string, unknown>, who: Caller) => sqlPort(driver).rpc<T>(fn, args, who);
		const resolveToken = (token: string) =>
			rpc<Array<{ user_id: string; email: string }>>('resolve_api_token', { token_hash: apiTokenHash(token) }, serviceRole);

		beforeAll(async () => {
			({ driver, dispose } = await backend.fresh());
			ann = await createUser(driver, 'ann');
			bo = await createUser(driver, 'bo');
		});
		afterAll(() => dispose?.());

		it('makes a pc_ token shown once, stores only its sha256, and resolves it to its owner', async () => {
			const token = await rpc<string>('create_api_token', { name: '  laptop  ' }, ann);
			expect(token).toMatch(/^pc_[A-Za-z0-9_-]{43}$/);
			const stored = await driver.query<Record<string, unknown>>(`select * from api_tokens where user_id = $1`, [ann.userId]);
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({ name: 'laptop', token_hash: apiTokenHash(token), token_start: token.slice(0, 7) });
			expect(Object.values(stored[0]!).map(String).some((v) => v.includes(token))).toBe(false);

			expect(await resolveToken(token)).toEqual([{ user_id: ann.userId, email: ann.email }]);
			expect(await memberForBearer(sqlPort(driver), `Bearer ${token}`)).toEqual({ member: { role: 'authenticated', userId: ann.userId, email: ann.email } });
			const [listed] = await rpc<ApiToken[]>('list_api_tokens', {}, ann);
			expect(listed).toMatchObject({ name: 'laptop', token_start: token.slice(0, 7), revoked_at: null });
			expect(listed!.last_used_at).not.toBeNull();
			expect(listed).not.toHaveProperty('token_hash');
		});

		it('makes a different token every time', async () => {
			const a = await rpc<string>('create_api_token', { name: 'one' }, bo);
			const b = await rpc<string>('create_api_token', { name: 'two' }, bo);
			expect(a).not.toBe(b);
		});

		it("never shows or revokes someone else's token", async () => {
			const mine = await rpc<ApiToken[]>('list_api_tokens', {}, ann);
			const theirs = await rpc<ApiToken[]>('list_api_tokens', {}, bo);
			expect(theirs.map((t) => t.name).sort()).toEqual(['one', 'two']);
			expect(theirs.some((t) => mine.some((m) => m.id === t.id))).toBe(false);

			const err = await refusal(rpc('revoke_api_token', { token_id: mine[0]!.id }, bo));
			expect(err.code).toBe('P0002');
			expect(err.message).toMatch(/no live API token/);
			expect((await rpc<ApiToken[]>('list_api_tokens', {}, ann))[0]!.revoked_at).toBeNull();

			await runAs(driver, bo, (tx) => tx.query('update api_tokens set revoked_at = now() where id = $1', [mine[0]!.id]));
			await runAs(driver, bo, async (tx) => expect(await tx.query('select * from api_tokens where user_id = $1', [ann.userId])).toEqual([]));
			expect((await rpc<ApiToken[]>('list_api_tokens', {}, ann))[0]!.revoked_at).toBeNull();
		});

		it('refuses anon everything, and every API role the lookup and direct writes', async () => {
			for (const [fn, args] of [
				['create_api_token', { name: 'x' }],
				['list_api_tokens', {}],
				['revoke_api_token', { token_id: 1 }],
				['resolve_api_token', { token_hash: '0'.repeat(64) }]
			] as const) {
				expect((await refusal(rpc(fn, args, anon))).code, fn).toBe('42501');
			}
			expect((await refusal(rpc('resolve_api_token', { token_hash: '0'.repeat(64) }, ann))).code).toBe('42501');
			const insert = runAs(driver, ann, (tx) =>
				tx.query(`insert into api_tokens (user_id, name, token_hash, token_start) values ($1, 'chosen', $2, 'pc_aaaa')`, [ann.userId, apiTokenHash('pc_weak')])
			);
			expect((await refusal(insert)).code).toBe('42501');
			const rehash = runAs(driver, ann, (tx) => tx.query(`update api_tokens set token_hash = $1`, [apiTokenHash('pc_weak')]));
			expect((await refusal(rehash)).code).toBe('42501');
		});

		it('refuses a bad name or lifetime and makes nothing', async () => {
			const before = await rpc<ApiToken[]>('list_api_tokens', {}, ann);
			expect((await refusal(rpc('create_api_token', { name: '   ' }, ann))).message).toMatch(/^name:/);
			expect((await refusal(rpc('create_api_token', { name: 'x'.repeat(81) }, ann))).message).toMatch(/^name:/);
			expect((await refusal(rpc('create_api_token', { name: 'ok', valid_days: 0 }, ann))).message).toMatch(/^valid_days:/);
			expect(await rpc<ApiToken[]>('list_api_tokens', {}, ann)).toEqual(before);
		});

		it('stops resolving a token once revoked, and a revoked token stays revoked', async () => {
			const token = await rpc<string>('create_api_token', { name: 'ci' }, ann);
			const [row] = await rpc<ApiToken[]>('list_api_tokens', {}, ann);
			expect(row!.name).toBe('ci');
			expect(await resolveToken(token)).toHaveLength(1);
			expect(await rpc<string>('revoke_api_token', { token_id: row!.id }, ann)).toBeTruthy();
			expect(await resolveToken(token)).toEqual([]);
			expect(await memberForBearer(sqlPort(driver), `Bearer ${token}`)).toEqual({ refused: expect.stringMatching(/revoked/) });
			expect((await refusal(rpc('revoke_api_token', { token_id: row!.id }, ann))).code).toBe('P0002');
			await runAs(driver, ann, (tx) => tx.query('update api_tokens set revoked_at = null where id = $1', [row!.id]));
			expect(await resolveToken(token)).toEqual([]);
		});

		it('stops resolving a token after it expires', async () => {
			const token = await rpc<string>('create_api_token', { name: 'short', valid_days: 1 }, ann);
			expect(await resolveToken(token)).toHaveLength(1);
			await driver.query(`update api_tokens set created_at = now() - interval '3 days', expires_at = now() - interval '1 day' where token_hash = $1`, [apiTokenHash(token)]);
			expect(await resolveToken(token)).toEqual([]);
		});

		it('refuses malformed and unknown bearer headers without a match', async () => {
			const db = sqlPort(driver);
			for (const header of [null, 'Basic abc', 'Bearer', 'Bearer ghp_abcdef', `Bearer pc_${'a'.repeat(42)}`]) {
				expect(await memberForBearer(db, header), String(header)).toHaveProperty('refused');
			}
			expect(await memberForBearer(db, `Bearer pc_${'a'.repeat(43)}`)).toEqual({ refused: expect.stringMatching(/unknown/) });
		});

		it('caps the live tokens one person holds', async () => {
			const carl = await createUser(driver, 'carl');
			for (let i = 0; i < 50; i++) await rpc('create_api_token', { name: `t${i}` }, carl);
			expect((await refusal(rpc('create_api_token', { name: 'one too many' }, carl))).message).toMatch(/50 live API tokens/);
			const [newest] = await rpc<ApiToken[]>('list_api_tokens', {}, carl);
			await rpc('revoke_api_token', { token_id: newest!.id }, carl);
			expect(await rpc<string>('create_api_token', { name: 'after revoking' }, carl)).toMatch(/^pc_/);
		});
	});
}
