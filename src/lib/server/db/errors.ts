import { DbError } from './port';

/** Normalises PGlite's and `postgres`'s error objects into one DbError carrying the SQLSTATE. */
export function toDbError(e: unknown): Error {
	if (e instanceof DbError) return e;
	if (e && typeof e === 'object' && 'message' in e) {
		const err = e as { message: string; code?: unknown; detail?: unknown };
		const code = typeof err.code === 'string' ? err.code : undefined;
		if (code) return new DbError(err.message, code, typeof err.detail === 'string' ? err.detail : undefined);
	}
	return e instanceof Error ? e : new Error(String(e));
}
