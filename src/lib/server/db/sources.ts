/**
 * The SQL the app applies itself, bundled into the build so a deployed server needs no source
 * tree: the platform shim, `supabase/migrations` in filename order, and the demo seed.
 */
import platformShim from './sql/platform-shim.sql?raw';
import demoSeed from '../../../../supabase/seed.sql?raw';

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

const files = import.meta.glob<string>('/supabase/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
});

const FILENAME = /\/(\d{14})_([a-z0-9_]+)\.sql$/;

export function parseMigrations(byPath: Record<string, string>): Migration[] {
	const byVersion = new Map<string, string>();
	return Object.entries(byPath)
		.map(([path, sql]) => {
			const m = FILENAME.exec(path);
			if (!m) throw new Error(`migration file name must be <14-digit timestamp>_<name>.sql: ${path}`);
			// The ledger is keyed by version: a second file with the same one would never run.
			const twin = byVersion.get(m[1]!);
			if (twin) throw new Error(`two migrations share the version ${m[1]}: ${twin} and ${path}`);
			byVersion.set(m[1]!, path);
			return { version: m[1]!, name: m[2]!, sql };
		})
		.sort((a, b) => a.version.localeCompare(b.version));
}

export const migrations: Migration[] = parseMigrations(files);
export { platformShim, demoSeed };
