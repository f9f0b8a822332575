// `npm start`: builds the app when the build is missing or older than its sources, then serves
// it with adapter-node in this same process, so stopping or killing it stops the server too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'static', 'supabase', 'package.json', 'svelte.config.js', 'vite.config.ts'];
const BUILT = join('build', 'handler.js');

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(...SOURCES.map(newestMtime))) {
	console.log('Building the app (first start, or sources changed)…');
	const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.PORT ??= '3000';
// adapter-node assumes https when ORIGIN is unset, and SvelteKit then refuses every form post
// from http://localhost as cross-site. Behind a proxy, set ORIGIN to the public URL.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Large enough for a 50 MB pair import; src/hooks.server.ts keeps adapter-node's 512K for every
// other route.
process.env.BODY_SIZE_LIMIT ??= '51M';
const database = process.env.PUBLIC_SUPABASE_URL
	? `Supabase at ${process.env.PUBLIC_SUPABASE_URL}`
	: process.env.DATABASE_URL
		? 'PostgreSQL at DATABASE_URL'
		: `PGlite in ${process.env.DATA_DIR ?? './data'}`;
console.log(`Preference Commons on ${process.env.ORIGIN} (database: ${database})`);
await import(new URL('../build/index.js', import.meta.url).href);
