import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { serviceRole, type DbPort, type Member } from '../db/port';
import { AGGREGATION_RULE } from './aggregation';
import { SHAPE_COLUMNS, type Column } from './columns';
import { jsonlWriter, type RowWriter } from './jsonl';
import { describeFile, type ExportFile, type Manifest } from './manifest';
import { parquetWriter } from './parquet';
import { exportRequest, type ExportRequest, type ExportSnapshot } from './request';
import { DEFAULT_PAGE_SIZE, preferencePages, votePages, type PreferenceRow, type VoteRow } from './rows';

export interface ExportProgress {
	exportId: number;
	phase: 'rows' | 'files';
	/** Data rows written so far. */
	rows: number;
	/** Votes frozen for the export: the pages left are at most this many rows. */
	votes: number;
}

/** What the data files are, for the files the caller adds (dataset card, Croissant). */
export interface ExportContext {
	snapshot: ExportSnapshot;
	dataFiles: ExportFile[];
	rowCount: number;
}

export interface RunExportOptions {
	pageSize?: number;
	/** How often to tell the database this export is still being made; EXPORT_LIFE's unless a test asks. */
	aliveEveryMs?: number;
	onProgress?: (progress: ExportProgress) => void;
	/** Further files (e.g. README.md, croissant.json), written and hashed into the manifest. */
	extraFiles?: (context: ExportContext) => Promise<{ path: string; content: string | Uint8Array }[]>;
}

export interface ExportResult extends ExportContext {
	exportId: number;
	files: ExportFile[];
	manifest: Manifest;
}

/**
 * How often the process making an export tells the database it is still at it, and how long an
 * unfinished export may go without that before it counts as stopped (`fail_stale_exports`). A
 * snapshot is one statement and says nothing while it runs: at 1M votes it takes about 2 s, so
 * fifteen minutes leaves room for datasets hundreds of times larger.
 */
export const EXPORT_LIFE = { aliveEveryMs: 30_000, staleAfterSeconds: 15 * 60 } as const;

/** Fails the unfinished exports silent for `quietSeconds` or more (their process stopped); their ids. */
export function failStaleExports(db: DbPort, quietSeconds: number = EXPORT_LIFE.staleAfterSeconds): Promise<number[]> {
	return db.rpc<number[]>('fail_stale_exports', { quiet_seconds: quietSeconds }, serviceRole);
}

/** Footer key-value metadata: the export (manifest) id, what it was for, and its terms. */
export const FOOTER_KEYS = {
	exportId: 'preference_commons.export_id',
	terms: 'preference_commons.terms',
	request: 'preference_commons.request'
} as const;

function footer(snapshot: ExportSnapshot): Map<string, string> {
	return new Map([
		[FOOTER_KEYS.exportId, String(snapshot.export_id)],
		[FOOTER_KEYS.terms, JSON.stringify(snapshot.terms_versions)],
		[
			FOOTER_KEYS.request,
			JSON.stringify({ dataset: snapshot.dataset.slug, purpose: snapshot.purpose, conditions: snapshot.conditions, filters: snapshot.filters })
		]
	]);
}

function writerFor<R>(snapshot: ExportSnapshot, outDir: string, path: string, columns: Column<R>[], pageSize: number): RowWriter<R> {
	const full = join(outDir, path);
	return snapshot.format === 'parquet' ? parquetWriter(full, columns, footer(snapshot), pageSize) : jsonlWriter(full, columns);
}

/** Asks for an export as `caller`: the database checks who may export and what, and records it. */
export async function requestExport(db: DbPort, caller: Member, request: ExportRequest): Promise<number> {
	const r = exportRequest.parse(request);
	return db.rpc<number>(
		'request_export',
		{
			dataset_slug: r.dataset,
			purpose: r.purpose,
			commercial: r.commercial,
			open_weights: r.openWeights,
			shape: r.shape,
			format: r.format,
			filters: r.filters
		},
		caller
	);
}

/**
 * Makes a requested export on the server's own connection as service_role: freezes the votes the
 * terms allow, streams them page by page into `outDir/data/train.<format>`, writes
 * `manifest.json` and records it. A failure is recorded too.
 */
export async function produceExport(db: DbPort, exportId: number, outDir: string, options: RunExportOptions = {}): Promise<ExportResult> {
	try {
		return await produce(db, exportId, outDir, options);
	} catch (e) {
		await db.rpc('fail_export', { export_id: exportId, error: String(e) }, serviceRole);
		throw e;
	}
}

/** Both steps at once, for callers that wait for the whole export. */
export async function runExport(
	db: DbPort,
	caller: Member,
	request: ExportRequest,
	outDir: string,
	options: RunExportOptions = {}
): Promise<ExportResult> {
	return produceExport(db, await requestExport(db, caller, request), outDir, options);
}

async function produce(db: DbPort, exportId: number, outDir: string, options: RunExportOptions): Promise<ExportResult> {
	const snapshot = await db.rpc<ExportSnapshot>('export_snapshot', { export_id: exportId }, serviceRole);
	const aliveEvery = options.aliveEveryMs ?? EXPORT_LIFE.aliveEveryMs;
	let saidAlive = performance.now();
	const progress = async (phase: ExportProgress['phase'], rows: number) => {
		options.onProgress?.({ exportId, phase, rows, votes: snapshot.votes });
		if (performance.now() - saidAlive >= aliveEvery) {
			saidAlive = performance.now();
			await db.rpc('export_alive', { export_id: exportId }, serviceRole);
		}
	};

	const dataPath = `data/train.${snapshot.format}`;
	await mkdir(dirname(join(outDir, dataPath)), { recursive: true });
	const shape = SHAPE_COLUMNS[snapshot.shape];
	const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE[shape.rows];
	let rowCount = 0;
	if (shape.rows === 'votes') {
		const writer = writerFor<VoteRow>(snapshot, outDir, dataPath, shape.columns, pageSize);
		for await (const page of votePages(db, exportId, pageSize)) {
			await writer.write(page);
			rowCount += page.length;
			await progress('rows', rowCount);
		}
		await writer.close();
	} else {
		const writer = writerFor<PreferenceRow>(snapshot, outDir, dataPath, shape.columns, pageSize);
		for await (const page of preferencePages(db, exportId, pageSize)) {
			await writer.write(page);
			rowCount += page.length;
			await progress('rows', rowCount);
		}
		await writer.close();
	}
	await progress('files', rowCount);

	const dataFiles = [await describeFile(outDir, dataPath, rowCount)];
	const files = [...dataFiles];
	for (const extra of (await options.extraFiles?.({ snapshot, dataFiles, rowCount })) ?? []) {
		await mkdir(dirname(join(outDir, extra.path)), { recursive: true });
		await writeFile(join(outDir, extra.path), extra.content);
		files.push(await describeFile(outDir, extra.path));
	}

	const manifest: Manifest = {
		export_id: exportId,
		dataset: snapshot.dataset,
		requested_by: snapshot.requested_by,
		requested_at: snapshot.requested_at,
		finished_at: new Date().toISOString(),
		purpose: snapshot.purpose,
		conditions: snapshot.conditions,
		filters: snapshot.filters,
		shape: snapshot.shape,
		format: snapshot.format,
		accepted_terms_version: snapshot.accepted_terms_version,
		row_counts: { [dataPath]: rowCount },
		votes: snapshot.votes,
		terms_versions: snapshot.terms_versions,
		...(shape.rows === 'preferences' ? { aggregation_rule: AGGREGATION_RULE } : {}),
		files
	};
	await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
	await db.rpc('finish_export', { export_id: exportId, row_count: rowCount, manifest }, serviceRole);
	return { exportId, snapshot, dataFiles, rowCount, files, manifest };
}
