import { createClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { asUser, type DbPort, type Member } from '../../src/lib/server/db/port';
import { sqlPort } from '../../src/lib/server/db/sql-adapter';
import { supabasePort } from '../../src/lib/server/db/supabase-adapter';
import { backends, type TestBackend } from '../support/backends';
import { signJwt, startSupabaseStandIn } from '../support/supabase-stand-in';
import { createUser } from '../support/users';

/** A database reached through one adapter, and a way to make a signed-in person on it. */
export interface ContractWorld {
	db: DbPort;
	member(name: string): Promise<Member>;
	dispose(): Promise<void>;
}

export interface ContractBackend {
	name: string;
	skip: string | null;
	open(): Promise<ContractWorld>;
}

function sqlBackend(backend: TestBackend): ContractBackend {
	return {
		name: `SQL adapter on ${backend.name}`,
		skip: backend.skip,
		async open() {
			const { driver, dispose } = await backend.fresh();
			return { db: sqlPort(driver), member: (name) => createUser(driver, name), dispose };
		}
	};
}

/** The Supabase adapter and the real supabase-js client, over the PostgREST stand-in. */
function standInBackend(backend: TestBackend): ContractBackend {
	return {
		name: `Supabase adapter via the PostgREST stand-in on ${backend.name}`,
		skip: backend.skip,
		async open() {
			const { driver, dispose } = await backend.fresh();
			// Far below Supabase's default of 1000, so a result that relies on rows rather than pages is cut.
			const stand = await startSupabaseStandIn(driver, { maxRows: 5 });
			const db = supabasePort({
				url: stand.url,
				anonKey: await signJwt({ role: 'anon' }),
				serviceRoleKey: await signJwt({ role: 'service_role' })
			});
			return {
				db,
				async member(name) {
					// The account as Supabase Auth would hold it; the token as it would issue it.
					const { userId, email } = await createUser(driver, name);
					const token = await signJwt({ sub: userId, email, role: 'authenticated', aud: 'authenticated' });
					return asUser(userId, email, token);
				},
				async dispose() {
					await stand.close();
					await dispose();
				}
			};
		}
	};
}

const live = {
	url: process.env.SUPABASE_TEST_URL,
	anonKey: process.env.SUPABASE_TEST_ANON_KEY,
	serviceRoleKey: process.env.SUPABASE_TEST_SERVICE_ROLE_KEY
};

/** A real Supabase project (hosted or `supabase start`) with the migrations pushed. */
const realSupabase: ContractBackend = {
	name: 'Supabase adapter on a real Supabase project',
	skip:
		live.url && live.anonKey && live.serviceRoleKey
			? null
			: 'SUPABASE_TEST_URL, SUPABASE_TEST_ANON_KEY and SUPABASE_TEST_SERVICE_ROLE_KEY are not set',
	async open() {
		const keys = { url: live.url!, anonKey: live.anonKey!, serviceRoleKey: live.serviceRoleKey! };
		const admin = createClient(keys.url, keys.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
		const made: string[] = [];
		const db = supabasePort(keys);
		return {
			db,
			async member(name) {
				const email = `${name}-${randomUUID().slice(0, 8)}@example.org`;
				const password = randomUUID();
				const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
				if (created.error) throw created.error;
				made.push(created.data.user.id);
				const client = createClient(keys.url, keys.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
				const signedIn = await client.auth.signInWithPassword({ email, password });
				if (signedIn.error) throw signedIn.error;
				const member = asUser(created.data.user.id, email, signedIn.data.session.access_token);
				await db.rpc('ensure_profile', { display_name: name }, member);
				return member;
			},
			async dispose() {
				for (const id of made) await admin.auth.admin.deleteUser(id);
			}
		};
	}
};

export const contractBackends: ContractBackend[] = [...backends.map(sqlBackend), ...backends.map(standInBackend), realSupabase];
