import { localAccounts, type LocalAccounts } from './auth/local-accounts';
import { readConfig, type SupabaseConfig } from './config';
import { openDatabase, supabasePort, type DbPort } from './db';

export type Backend = {
	db: DbPort;
	/** Email + password accounts in our own database; absent on Supabase, whose Auth does this. */
	accounts: LocalAccounts | null;
	supabase: SupabaseConfig | null;
	exportsDir: string;
	/** PGlite in a data directory that this process alone has open. */
	embedded: boolean;
};

/** Opened once per process: PGlite must not be opened twice on one data directory. */
let opening: Promise<Backend> | undefined;

async function open(): Promise<Backend> {
	const { database, demoData, exportsDir } = readConfig();
	if (database.kind === 'supabase') {
		return { db: supabasePort(database), accounts: null, supabase: database, exportsDir, embedded: false };
	}
	const db = await openDatabase(database, demoData);
	return { db, accounts: localAccounts(db.driver, db), supabase: null, exportsDir, embedded: database.kind === 'pglite' };
}

export function backend() {
	return (opening ??= open());
}

/** Closes the database so the process can exit; PGlite also checkpoints on close. */
export async function closeBackend(): Promise<void> {
	const open = opening;
	opening = undefined;
	if (open) await (await open).db.close();
}

/** The local accounts service; only reached from the local sign-in pages, never on Supabase. */
export async function localAccountsOrFail(): Promise<LocalAccounts> {
	const { accounts } = await backend();
	if (!accounts) throw new Error('local accounts are off: this server signs people in with Supabase Auth');
	return accounts;
}
