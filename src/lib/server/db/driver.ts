/** What the SQL adapter needs from a Postgres connection: PGlite and `postgres` both provide it. */
export interface SqlSession {
	/** One statement, `$1`-style parameters; rows as objects. */
	query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
	/** Several statements, no parameters (migrations, seed). */
	exec(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlSession {
	readonly kind: 'pglite' | 'postgres';
	transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
