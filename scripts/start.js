// `npm start`: builds the app when the build is missing or older than its sources, then serves
// it with adapter-node. The embedded database opens and migrates before the first request.
import { spawnSync, spawn } from 'node:child_process';
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

const stale = !existsSync(BUILT) || statSync(BUILT).mtimeMs < Math.max(...SOURCES.map(newestMtime));
if (stale) {
	console.log('Building the app (first start, or sources changed)…');
	const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
console.log(`Preference Commons: http://localhost:${port}  (database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : `PGlite in ${process.env.DATA_DIR ?? './data'}`})`);
const server = spawn(process.execPath, ['build'], { stdio: 'inherit', env: { ...process.env, PORT: port } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
