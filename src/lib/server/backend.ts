import { localAccounts } from './auth/local-accounts';
import { readConfig } from './config';
import { openDatabase } from './db';

/** Opened once per process: PGlite must not be opened twice on one data directory. */
let opening: ReturnType<typeof open> | undefined;

async function open() {
	const db = await openDatabase(readConfig());
	return { db, accounts: localAccounts(db.driver, db) };
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

export type Backend = Awaited<ReturnType<typeof open>>;
