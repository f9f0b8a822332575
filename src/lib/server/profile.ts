import type { DbPort, Member } from './db/port';

export type Me = { id: string; email: string | null; display_name: string | null };

/** The caller as the API reports them; read as the caller, so the token's owner is who RLS sees. */
export async function whoAmI(db: DbPort, caller: Member): Promise<Me> {
	const rows = await db.rpc<Array<{ id: string; display_name: string | null }>>('my_profile', {}, caller);
	const profile = rows[0];
	if (!profile) throw new Error(`no profile for user ${caller.userId}`);
	return { id: profile.id, email: caller.email ?? null, display_name: profile.display_name };
}
