import { createHash } from 'node:crypto';
import { z } from 'zod';
import { asUser, serviceRole, type DbPort, type Member } from '../db/port';

/** `pc_` and 43 base64url characters (256 bits), as create_api_token makes them. */
const TOKEN = /^pc_[A-Za-z0-9_-]{43}$/;

export type ApiToken = {
	id: number;
	name: string;
	token_start: string;
	created_at: string;
	last_used_at: string | null;
	expires_at: string | null;
	revoked_at: string | null;
};

export const NewApiToken = z.object({
	name: z.string().trim().min(1, 'Give the token a name.').max(80, 'Keep the name to 80 characters.'),
	valid_days: z
		.enum(['', '30', '90', '365'], { message: 'Choose how long the token lasts.' })
		.transform((v) => (v === '' ? null : Number(v)))
});

export const ApiTokenChoice = z.object({ id: z.coerce.number().int().positive('Which token?') });

/** The database keeps only this, never the token itself. */
export function apiTokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createApiToken(db: DbPort, caller: Member, input: z.output<typeof NewApiToken>): Promise<string> {
	return db.rpc<string>('create_api_token', { name: input.name, valid_days: input.valid_days }, caller);
}

export function listApiTokens(db: DbPort, caller: Member): Promise<ApiToken[]> {
	return db.rpc<ApiToken[]>('list_api_tokens', {}, caller);
}

export function revokeApiToken(db: DbPort, caller: Member, id: number): Promise<string> {
	return db.rpc<string>('revoke_api_token', { token_id: id }, caller);
}

export type BearerResult = { member: Member } | { refused: string };

/**
 * Who an `Authorization` header speaks for. Malformed headers are refused before the database is
 * asked; the lookup runs as service_role because nobody is signed in yet.
 */
export async function memberForBearer(db: DbPort, header: string | null): Promise<BearerResult> {
	if (!header) return { refused: 'This API needs a personal API token: send `Authorization: Bearer pc_…` (make one on your account page).' };
	const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
	if (!match) return { refused: 'The Authorization header must be `Bearer <token>`.' };
	const token = match[1]!;
	if (!TOKEN.test(token)) return { refused: 'That is not a Preference Commons API token (they start with `pc_`).' };
	const rows = await db.rpc<Array<{ user_id: string; email: string }>>('resolve_api_token', { token_hash: apiTokenHash(token) }, serviceRole);
	const found = rows[0];
	if (!found) return { refused: 'This API token is unknown, revoked or expired.' };
	return { member: asUser(found.user_id, found.email) };
}
