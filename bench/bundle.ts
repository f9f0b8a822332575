import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

// Kit's own output: the adapter bundles the server further, but copies these client files as they are.
const OUTPUT = join('.svelte-kit', 'output');

export interface Bundle {
	route: string;
	files: { file: string; gzip: number }[];
	gzip: number;
}

/** The list of file names captured by `pattern` in a generated build module. */
function stringArray(source: string, pattern: RegExp, what: string): string[] {
	const m = pattern.exec(source);
	if (!m) throw new Error(`cannot find ${what} in the build output`);
	return JSON.parse(m[1]!) as string[];
}

/**
 * Every JavaScript file a page loads, from the build: the client entry and app (with
 * their imports), the nodes of the route's layouts and page with theirs, and the root error page,
 * which the client imports eagerly at start. Sizes are gzip level 9, as adapter-node precompresses.
 */
export function pageJavaScript(routeId: string): Bundle {
	const manifestPath = join(OUTPUT, 'server', 'manifest.js');
	if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`vite build\` first`);
	const manifest = readFileSync(manifestPath, 'utf8');
	const client = stringArray(manifest, /client:\s*\{[^\n]*?imports:(\[[^\]]*\])/, 'the client entry imports');
	const escaped = routeId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const route = new RegExp(`id: "${escaped}",[\\s\\S]*?page: \\{ layouts: (\\[[^\\]]*\\]), errors: \\[[^\\]]*\\], leaf: (\\d+) \\}`).exec(
		manifest
	);
	if (!route) throw new Error(`the build has no page route ${routeId}`);
	// Layout lists have holes where a level has no layout, e.g. `[0,,3,]`.
	const layouts = (route[1]!.match(/\d+/g) ?? []).map(Number);
	const nodes = new Set([...layouts, Number(route[2]), 1]);
	const files = new Set(client);
	for (const node of nodes) {
		const source = readFileSync(join(OUTPUT, 'server', 'nodes', `${node}.js`), 'utf8');
		for (const f of stringArray(source, /export const imports = (\[[^\]]*\])/, `node ${node}'s imports`)) files.add(f);
	}
	const sized = [...files]
		.map((file) => ({
			file,
			gzip: gzipSync(readFileSync(join(OUTPUT, 'client', file)), { level: constants.Z_BEST_COMPRESSION }).length
		}))
		.sort((a, b) => b.gzip - a.gzip);
	return { route: routeId, files: sized, gzip: sized.reduce((s, f) => s + f.gzip, 0) };
}

export function hasRoute(routeId: string): boolean {
	const manifestPath = join(OUTPUT, 'server', 'manifest.js');
	return existsSync(manifestPath) && readFileSync(manifestPath, 'utf8').includes(`id: "${routeId}"`);
}
