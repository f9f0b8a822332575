/**
 * Exports as the pages and the API use them: ask for one as the researcher, make it in the
 * background on the server's own connection, keep its folder (data, README.md, croissant.json,
 * manifest.json) under EXPORTS_DIR, and hand its files only to whom the database lets see it.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { z } from 'zod';
import type { Backend } from './backend';
import { anon, serviceRole, type Member } from './db/port';
import { AGGREGATION_RULE } from './export/aggregation';
import { renderCard } from './export/card';
import type { CardInput, CardTermsVersion } from './export/card-input';
import { renderCroissant } from './export/croissant';
import type { Manifest } from './export/manifest';
import { FORMATS, PURPOSES, SHAPES } from './export/request';
import { failStaleExports, produceExport, requestExport, type ExportContext, type ExportProgress, type ExportResult } from './export/run';
import { exportStatistics, type ExportStatistics } from './export/statistics';

/** A yes/no from a form (`on`, `true`, `yes`, `false`, `no`) or from JSON. */
const yesNo = (error: string) =>
	z.union([z.boolean(), z.enum(['true', 'on', 'yes', 'false', 'no']).transform((v) => v === 'true' || v === 'on' || v === 'yes')], {
		error
	});

/** An optional number from a form, where an empty field means not given. */
const optionalNumber = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v), schema.optional());

/** An export's number, as it appears in a URL. */
export const ExportId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const ExportInput = z.object({
	purpose: z.enum(PURPOSES, { error: 'Say what the data will be used for: train-ai, evaluate or publish.' }),
	commercial: yesNo('Say yes or no: is the use commercial?').default(false),
	open_weights: yesNo("Say whether the trained model's weights will be released."),
	shape: z.enum(SHAPES, { error: 'Choose a shape: preferences, preferences-standard or votes.' }).default('preferences'),
	format: z.enum(FORMATS, { error: 'Choose a format: parquet or jsonl.' }).default('parquet'),
	min_votes: optionalNumber(z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1).max(1000)),
	min_agreement: optionalNumber(z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1)),
	accept_terms: yesNo("Accept the dataset's terms for this use to download it.")
		.default(false)
		.refine((v) => v, "Accept the dataset's terms for this use to download it.")
});
export type ExportInput = z.infer<typeof ExportInput>;

const CONTENT_TYPES: Record<string, string> = {
	parquet: 'application/vnd.apache.parquet',
	jsonl: 'application/jsonl; charset=utf-8',
	md: 'text/markdown; charset=utf-8',
	json: 'application/json; charset=utf-8'
};

/** Exports being made by this process, for their progress pages. */
const running = new Map<number, ExportProgress>();

/**
 * Fails the exports whose process stopped before finishing them and removes their partial
 * folders. With `quietSeconds` 0 every unfinished export counts as stopped, which is right only
 * where no other process can be making one: the embedded database, whose directory one process
 * locks, as it opens.
 */
export async function failStoppedExports(b: Backend, quietSeconds?: number): Promise<number[]> {
	const stopped = await failStaleExports(b.db, quietSeconds);
	await Promise.all(stopped.map((id) => rm(join(b.exportsDir, `${id}.partial`), { recursive: true, force: true })));
	return stopped;
}

/**
 * Asks for an export as `caller` (the database refuses what they may not have) and starts making
 * it; `finished` settles when its folder is complete. Pages are read one short transaction at a
 * time, so the server keeps answering other requests meanwhile.
 */
export async function startExport(b: Backend, caller: Member, datasetSlug: string, input: ExportInput, origin: string) {
	// Where several processes share the database, one of them may have stopped mid-export.
	await failStoppedExports(b);
	const exportId = await requestExport(b.db, caller, {
		dataset: datasetSlug,
		purpose: input.purpose,
		commercial: input.commercial,
		openWeights: input.open_weights,
		shape: input.shape,
		format: input.format,
		filters: {
			...(input.min_votes !== undefined ? { min_votes: input.min_votes } : {}),
			...(input.min_agreement !== undefined ? { min_agreement: input.min_agreement } : {})
		}
	});
	const folder = join(b.exportsDir, String(exportId));
	const partial = `${folder}.partial`;
	await mkdir(b.exportsDir, { recursive: true });
	running.set(exportId, { exportId, phase: 'rows', rows: 0, votes: 0 });
	const finished: Promise<ExportResult> = produceExport(b.db, exportId, partial, {
		onProgress: (p) => running.set(exportId, p),
		extraFiles: async (context) => cardFiles(b, caller, context, exportStatistics(context.snapshot.statistics), origin)
	})
		.then(async (result) => {
			await rename(partial, folder);
			return result;
		})
		.catch(async (e: unknown) => {
			await rm(partial, { recursive: true, force: true });
			throw e;
		})
		.finally(() => running.delete(exportId));
	return { exportId, finished };
}

/** The dataset card and Croissant metadata for an export, while its votes are still frozen. */
async function cardFiles(b: Backend, caller: Member, context: ExportContext, stats: ExportStatistics, origin: string) {
	const { snapshot } = context;
	const slug = snapshot.dataset.slug;
	const [credits, terms, [dataset]] = await Promise.all([
		b.db.rpc<string[]>('export_credits', { export_id: snapshot.export_id }, serviceRole),
		b.db.rpc<CardTermsVersion[]>('terms_history', { dataset_slug: slug }, anon),
		b.db.rpc<{ description: string }[]>('get_dataset', { dataset_slug: slug }, caller)
	]);
	const input: CardInput = {
		dataset: { slug, title: snapshot.dataset.title, description: dataset?.description ?? '', url: `${origin}/datasets/${slug}` },
		exportId: snapshot.export_id,
		createdAt: new Date(snapshot.requested_at),
		purpose: snapshot.purpose as CardInput['purpose'],
		conditions: { commercial: snapshot.conditions.commercial, openWeights: snapshot.conditions.open_weights },
		filters: { minVotes: snapshot.filters.min_votes ?? 1, minAgreement: snapshot.filters.min_agreement ?? null },
		shape: snapshot.shape,
		format: snapshot.format,
		files: context.dataFiles.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes, rows: f.rows ?? 0 })),
		languages: [],
		termsVersions: [...terms].sort((x, y) => x.version - y.version),
		aggregationRule: AGGREGATION_RULE,
		agreement: stats.agreement,
		positionBias: stats.positionBias,
		votesPerPair: stats.votesPerPair,
		namedContributors: credits
	};
	return [
		{ path: 'README.md', content: renderCard(input) },
		{ path: 'croissant.json', content: JSON.stringify(renderCroissant(input), null, 2) + '\n' }
	];
}

const ExportListed = z.object({
	id: z.number().int(),
	purpose: z.string(),
	conditions: z.object({ commercial: z.boolean(), open_weights: z.boolean() }),
	shape: z.string(),
	format: z.string(),
	status: z.string(),
	row_count: z.number().int().nullable(),
	created_at: z.string()
});
export type ExportListed = z.infer<typeof ExportListed>;

/** Every export of a dataset for its stewards (the database decides); others see their own. */
export async function listExports(b: Backend, caller: Member, datasetSlug: string): Promise<ExportListed[]> {
	return z.array(ExportListed).parse(await b.db.rpc('list_exports', { dataset_slug: datasetSlug }, caller));
}

export interface ExportStatus {
	id: number;
	dataset_slug: string;
	purpose: string;
	shape: string;
	format: string;
	status: 'requested' | 'running' | 'finished' | 'failed';
	row_count: number | null;
	error: string | null;
	created_at: string;
	finished_at: string | null;
	manifest: Manifest | null;
}

/** The export as `caller` may see it (they asked for it, or steward its dataset), with progress. */
export async function exportStatus(b: Backend, caller: Member, exportId: number) {
	const [row] = await b.db.rpc<ExportStatus[]>('get_export', { export_id: exportId }, caller);
	return row ? { ...row, progress: running.get(exportId) ?? null } : null;
}

/**
 * One file of a finished export, if `caller` may see the export and the file is one of its own:
 * a name the manifest lists, or the manifest itself. Never any other path under EXPORTS_DIR.
 */
export async function exportFile(b: Backend, caller: Member, exportId: number, path: string) {
	const status = await exportStatus(b, caller, exportId);
	if (!status || status.status !== 'finished' || !status.manifest) return null;
	const listed = path === 'manifest.json' || status.manifest.files.some((f) => f.path === path);
	if (!listed) return null;
	const full = join(b.exportsDir, String(exportId), path);
	const { size } = await stat(full);
	const extension = path.slice(path.lastIndexOf('.') + 1);
	return {
		body: Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>,
		size,
		type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
		name: path.slice(path.lastIndexOf('/') + 1)
	};
}
