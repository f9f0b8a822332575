/**
 * STAND-IN for the two Supabase services the app talks to, for tests only: there is no Supabase
 * server on this machine. For PostgREST's RPC endpoint it does what PostgREST does for
 * `POST /rest/v1/rpc/<fn>` and nothing more:
 *
 * - the `Authorization: Bearer <jwt>` header is verified (HS256, the test secret); no header
 *   means the anon role, a bad or expired token is a 401 with PostgREST's error code;
 * - in one transaction: `set local role <claims.role>` and `request.jwt.claims` as JSON, then the
 *   function is called with the body's keys as named arguments, each value read from the JSON
 *   body by `json_to_record` typed with the function's own parameter types (so a jsonb argument
 *   arrives as the JSON value it is in the body, as it does in PostgREST);
 * - a set-returning function answers a JSON array, cut at `maxRows` as `db-max-rows` does;
 *   any other function answers its value;
 * - errors answer `{code, message, details, hint}` with PostgREST's HTTP status for the SQLSTATE.
 *
 * The Supabase adapter is tested through it with the real `@supabase/supabase-js` client.
 *
 * For Supabase Auth (GoTrue) it answers the email-link sign-in with PKCE and nothing else:
 * `POST /auth/v1/otp` "sends" the link to `outbox` (the test opens it), `POST /auth/v1/token?
 * grant_type=pkce` trades the link's code for a session only with the verifier whose S256
 * challenge came with the request (creating the `auth.users` row for a new email), `GET
 * /auth/v1/user` vouches for a token it verifies (what `getClaims` calls for a shared-secret
 * token), and `POST /auth/v1/logout`. Passwords and OAuth are not stood in for.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify, SignJWT } from 'jose';
import type { SqlDriver } from '../../src/lib/server/db/driver';
import { DbError } from '../../src/lib/server/db/port';

export const STAND_IN_JWT_SECRET = 'stand-in-secret-for-tests-only-0123456789abcdef';

const secret = new TextEncoder().encode(STAND_IN_JWT_SECRET);
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A JWT as Supabase Auth or the project's API keys carry it, signed with the test secret. */
export function signJwt(claims: Record<string, unknown>, expiresIn = '1h'): Promise<string> {
	return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(expiresIn).sign(secret);
}

interface Param {
	name: string;
	type: string;
	hasDefault: boolean;
}

interface FunctionInfo {
	params: Param[];
	returnsSet: boolean;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: { code: string; message: string; details: string | null; hint: string | null }
	) {
		super(body.message);
	}
}

/** PostgREST's table from SQLSTATE to HTTP status (docs: "Errors", "HTTP Status Codes"). */
function statusOf(code: string, role: string): number {
	if (code === '42501') return role === 'anon' ? 401 : 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === 'P0001') return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (code === '08' || /^(08|53)/.test(code)) return 503;
	if (/^(0L|0P|28)/.test(code)) return 403;
	if (/^(09|25|2D|38|39|3B|40|54|55|57|58|F0|HV|P0|XX)/.test(code)) return 500;
	return 400;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

async function claimsFrom(req: IncomingMessage): Promise<Record<string, unknown>> {
	const header = req.headers.authorization;
	if (!header) return { role: 'anon' };
	const token = /^Bearer (.+)$/i.exec(header)?.[1];
	if (!token) throw new HttpError(401, { code: 'PGRST301', message: 'No suitable key or wrong key type', details: null, hint: null });
	try {
		const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
		return payload as Record<string, unknown>;
	} catch (e) {
		const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
		throw new HttpError(401, {
			code: expired ? 'PGRST303' : 'PGRST301',
			message: expired ? 'JWT expired' : 'JWT could not be decoded',
			details: null,
			hint: null
		});
	}
}

/** An email Supabase Auth would have sent. */
export interface SentLink {
	email: string;
	link: string;
}

export interface SupabaseStandIn {
	/** What supabase-js takes as the project URL: `<url>/rest/v1/rpc/<fn>` is served. */
	url: string;
	outbox: SentLink[];
	/** Requests served, so tests can prove a call went over HTTP. */
	requests: number;
	close(): Promise<void>;
}

/** Serves the RPC endpoint over `driver` (the database owner's connection) on a free port. */
export async function startSupabaseStandIn(driver: SqlDriver, options: { maxRows?: number } = {}): Promise<SupabaseStandIn> {
	const maxRows = options.maxRows ?? 1000;
	const functions = new Map<string, FunctionInfo[]>();
	/** Codes sent in links, each good once, with the challenge its verifier must meet. */
	const flows = new Map<string, { email: string; challenge: string }>();

	async function sendLink(query: URLSearchParams, body: Record<string, unknown>): Promise<void> {
		const redirectTo = query.get('redirect_to');
		if (typeof body.email !== 'string' || typeof body.code_challenge !== 'string' || body.code_challenge_method !== 's256' || !redirectTo) {
			throw new HttpError(400, { code: 'validation_failed', message: 'email, an S256 code challenge and redirect_to are required', details: null, hint: null });
		}
		const code = randomUUID();
		flows.set(code, { email: body.email, challenge: body.code_challenge });
		const link = new URL(redirectTo);
		link.searchParams.set('code', code);
		stand.outbox.push({ email: body.email, link: link.toString() });
	}

	async function exchange(body: Record<string, unknown>) {
		const flow = typeof body.auth_code === 'string' ? flows.get(body.auth_code) : undefined;
		const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
		if (!flow || createHash('sha256').update(verifier).digest('base64url') !== flow.challenge) {
			throw new HttpError(400, { code: 'flow_state_not_found', message: 'invalid flow state, no valid flow state found', details: null, hint: null });
		}
		flows.delete(body.auth_code as string);
		const [found] = await driver.query<{ id: string }>('select id from auth.users where email = $1', [flow.email]);
		const id =
			found?.id ??
			(await driver.query<{ id: string }>(`insert into auth.users (email, encrypted_password) values ($1, '') returning id`, [flow.email]))[0]!.id;
		const user = { id, email: flow.email, aud: 'authenticated', role: 'authenticated', app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() };
		const expiresIn = 3600;
		return {
			access_token: await signJwt({ sub: id, email: flow.email, role: 'authenticated', aud: 'authenticated' }),
			token_type: 'bearer',
			expires_in: expiresIn,
			expires_at: Math.floor(Date.now() / 1000) + expiresIn,
			refresh_token: randomUUID(),
			user
		};
	}

	async function overloads(fn: string): Promise<FunctionInfo[]> {
		let known = functions.get(fn);
		if (!known) {
			const rows = await driver.query<{ names: string[] | null; types: string[]; defaults: number; retset: boolean; modes: string[] | null }>(
				`select p.proargnames as names, p.pronargdefaults as defaults, p.proretset as retset,
				        p.proargmodes::text[] as modes,
				        array(select format_type(t, null) from unnest(p.proargtypes) t) as types
				 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				 where n.nspname = 'public' and p.proname = $1`,
				[fn]
			);
			known = rows.map((r) => {
				// proargnames also names OUT/TABLE columns; proargtypes holds only the inputs.
				const inputNames = (r.names ?? []).filter((_, i) => !r.modes || ['i', 'b', 'v'].includes(r.modes[i]!));
				return {
					returnsSet: r.retset,
					params: r.types.map((type, i) => ({ name: inputNames[i]!, type, hasDefault: i >= r.types.length - r.defaults }))
				};
			});
			functions.set(fn, known);
		}
		return known;
	}

	async function call(fn: string, body: Record<string, unknown>, claims: Record<string, unknown>) {
		const role = typeof claims.role === 'string' ? claims.role : 'anon';
		if (!API_ROLES.has(role)) {
			throw new HttpError(401, { code: 'PGRST301', message: `role "${role}" does not exist`, details: null, hint: null });
		}
		const keys = Object.keys(body);
		const match = (await overloads(fn)).find(
			(o) => keys.every((k) => o.params.some((p) => p.name === k)) && o.params.every((p) => p.hasDefault || keys.includes(p.name))
		);
		if (!match || !keys.every((k) => IDENTIFIER.test(k))) {
			throw new HttpError(404, {
				code: 'PGRST202',
				message: `Could not find the function public.${fn}(${keys.sort().join(', ')}) in the schema cache`,
				details: null,
				hint: null
			});
		}
		const given = match.params.filter((p) => keys.includes(p.name));
		const record = given.map((p) => `"${p.name}" ${p.type}`).join(', ');
		const args = given.map((p) => `"${p.name}" := (select "${p.name}" from pgrst_args)`).join(', ');
		const source = given.length
			? `with pgrst_args as (select * from json_to_record($1::json) as _(${record})) `
			: '';
		const sql = match.returnsSet
			? `${source}select coalesce(json_agg(r), '[]') as body from (select * from public.${fn}(${args}) limit ${maxRows}) r`
			: `${source}select to_json(public.${fn}(${args})) as body`;
		return driver.transaction(async (tx) => {
			await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
			const rows = await tx.query<{ body: unknown }>(sql, given.length ? [JSON.stringify(body)] : []);
			return rows[0]!.body;
		});
	}

	const server: Server = createServer(async (req, res) => {
		let role = 'anon';
		const reply = (status: number, value: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(value));
		};
		try {
			stand.requests++;
			const url = new URL(req.url ?? '/', 'http://x');
			const path = url.pathname;
			if (path === '/auth/v1/user' && req.method === 'GET') {
				const claims = await claimsFrom(req).catch(() => null);
				if (!claims?.sub) return reply(401, { code: 'bad_jwt', message: 'invalid JWT: unable to parse or verify signature' });
				return reply(200, { id: claims.sub, aud: claims.aud ?? 'authenticated', role: claims.role, email: claims.email });
			}
			if (path === '/auth/v1/otp' && req.method === 'POST') {
				await sendLink(url.searchParams, JSON.parse((await readBody(req)) || '{}'));
				return reply(200, {});
			}
			if (path === '/auth/v1/token' && req.method === 'POST' && url.searchParams.get('grant_type') === 'pkce') {
				return reply(200, await exchange(JSON.parse((await readBody(req)) || '{}')));
			}
			if (path === '/auth/v1/logout' && req.method === 'POST') {
				res.writeHead(204).end();
				return;
			}
			const fn = /^\/rest\/v1\/rpc\/([a-z_][a-z0-9_]*)$/.exec(path)?.[1];
			if (req.method !== 'POST' || !fn) throw new HttpError(404, { code: 'PGRST125', message: 'Invalid path specified in request URL', details: null, hint: null });
			const claims = await claimsFrom(req);
			role = typeof claims.role === 'string' ? claims.role : 'anon';
			const text = await readBody(req);
			const body: unknown = text ? JSON.parse(text) : {};
			if (body === null || typeof body !== 'object' || Array.isArray(body)) {
				throw new HttpError(400, { code: 'PGRST102', message: 'Expected a JSON object of arguments', details: null, hint: null });
			}
			reply(200, await call(fn, body as Record<string, unknown>, claims));
		} catch (e) {
			if (e instanceof HttpError) return reply(e.status, e.body);
			if (e instanceof DbError && e.code) {
				return reply(statusOf(e.code, role), { code: e.code, message: e.message, details: e.detail ?? null, hint: null });
			}
			reply(500, { code: 'XX000', message: String(e), details: null, hint: null });
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const stand: SupabaseStandIn = {
		url: `http://127.0.0.1:${port}`,
		outbox: [],
		requests: 0,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
	return stand;
}
