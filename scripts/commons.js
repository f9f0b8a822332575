// `npm run commons -- export ...`: asks a Preference Commons server for an export through its
// HTTP API, with a personal API token, and writes the export's folder (data files, README.md
// dataset card, croissant.json, manifest.json) ready to push to the Hugging Face Hub as it is.
// It talks to a server rather than to the database so that it works against any deployment and
// while the embedded database is in use by the server.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Usage:
  npm run commons -- export --dataset <slug> --out <folder> [options]

Options:
  --server <url>         the server (default: $COMMONS_SERVER or http://localhost:3000)
  --token <token>        a personal API token (default: $COMMONS_TOKEN); make one on "My contributions"
  --purpose <purpose>    train-ai (default), evaluate or publish
  --commercial           the use is commercial (default: not)
  --closed-weights       the trained model's weights will not be released (default: they will)
  --shape <shape>        preferences (default), preferences-standard or votes
  --format <format>      parquet (default) or jsonl
  --min-votes <n>        leave out pairs with fewer votes
  --min-agreement <x>    leave out pairs whose votes agree less than x (0 to 1)
  --accept-terms         you accept the dataset's terms for this use (required)`;

function fail(message) {
	console.error(`commons: ${message}`);
	process.exit(2);
}

function options(argv) {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			dataset: { type: 'string' },
			out: { type: 'string' },
			server: { type: 'string', default: process.env.COMMONS_SERVER ?? 'http://localhost:3000' },
			token: { type: 'string', default: process.env.COMMONS_TOKEN },
			purpose: { type: 'string', default: 'train-ai' },
			commercial: { type: 'boolean', default: false },
			'closed-weights': { type: 'boolean', default: false },
			shape: { type: 'string', default: 'preferences' },
			format: { type: 'string', default: 'parquet' },
			'min-votes': { type: 'string' },
			'min-agreement': { type: 'string' },
			'accept-terms': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help || positionals[0] !== 'export') {
		console.log(USAGE);
		process.exit(values.help ? 0 : 2);
	}
	if (!values.dataset) fail('say which dataset: --dataset <slug>');
	if (!values.out) fail('say where to write the export: --out <folder>');
	if (!values.token) fail('a personal API token is needed: --token or COMMONS_TOKEN');
	if (!values['accept-terms']) fail("exports are made under the dataset's terms: read them, then pass --accept-terms");
	return values;
}

async function api(server, token, path, init = {}) {
	const res = await fetch(new URL(path, server), {
		...init,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers }
	});
	if (!res.ok) {
		const body = await res.json().catch(() => ({}));
		fail(`${res.status} ${body.error ?? res.statusText}`);
	}
	return res;
}

/** A path from the server's manifest, kept inside the output folder whatever it says. */
function inside(out, path) {
	const full = resolve(out, path);
	if (!full.startsWith(resolve(out) + sep)) fail(`the server named a file outside the folder: ${path}`);
	return full;
}

async function exportDataset(o) {
	const body = {
		purpose: o.purpose,
		commercial: o.commercial,
		open_weights: !o['closed-weights'],
		shape: o.shape,
		format: o.format,
		accept_terms: true,
		...(o['min-votes'] ? { min_votes: Number(o['min-votes']) } : {}),
		...(o['min-agreement'] ? { min_agreement: Number(o['min-agreement']) } : {})
	};
	console.log(`Asking ${o.server} for an export of "${o.dataset}" (${o.shape}, ${o.format}, for ${o.purpose})…`);
	const created = await (
		await api(o.server, o.token, `/api/v1/datasets/${encodeURIComponent(o.dataset)}/exports`, {
			method: 'POST',
			body: JSON.stringify(body)
		})
	).json();
	const { manifest } = created;
	for (const file of manifest.files) {
		const res = await api(o.server, o.token, `/api/v1/exports/${created.id}/files/${file.path}`);
		const bytes = Buffer.from(await res.arrayBuffer());
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		if (sha256 !== file.sha256) fail(`${file.path} arrived damaged: sha256 ${sha256}, the manifest says ${file.sha256}`);
		const target = inside(o.out, file.path);
		await mkdir(dirname(target), { recursive: true });
		await writeFile(target, bytes);
		console.log(`  ${file.path}  ${bytes.length} bytes${file.rows !== undefined ? `, ${file.rows} rows` : ''}`);
	}
	// The manifest cannot list its own hash; it is the server's own file, byte for byte.
	const res = await api(o.server, o.token, `/api/v1/exports/${created.id}/files/manifest.json`);
	await mkdir(o.out, { recursive: true });
	await writeFile(join(o.out, 'manifest.json'), Buffer.from(await res.arrayBuffer()));
	console.log(`  manifest.json\nExport ${created.id} written to ${o.out}`);
}

await exportDataset(options(process.argv.slice(2)));
