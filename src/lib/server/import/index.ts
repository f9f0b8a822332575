/**
 * Import of pairs from a steward's JSONL, CSV or Parquet file into a dataset: read and validate the whole
 * file, then add every new pair in one database call, so it all lands or none of it does.
 */
import { DbError, type Caller, type DbPort } from '../db/port';
import type { ByteSource } from './bytes';
import type { ImportFormat, ImportProgress } from './limits';
import { readPairs, type ReadOptions } from './read';

export * from './limits';
export { readPairs, type ReadOptions } from './read';
export type { ImportedPair, Message } from './validate';

export type ImportResult =
	| { imported: number; duplicates: number; duplicateRows: number[]; problems?: undefined }
	| { problems: string[]; imported?: undefined };

/**
 * Refusals (not a steward: DbError 42501) are thrown; problems with the file are returned.
 * Pairs the dataset already holds, or that repeat an earlier row, are skipped and reported.
 */
export async function importPairs(
	db: DbPort,
	caller: Caller,
	datasetSlug: string,
	format: ImportFormat,
	bytes: ByteSource,
	onProgress?: (progress: ImportProgress) => void,
	options: Omit<ReadOptions, 'onProgress'> = {}
): Promise<ImportResult> {
	const read = await readPairs(format, bytes, { ...options, onProgress });
	if (read.problems) return { problems: read.problems };
	try {
		// All rows in one call, so one transaction: a staging table filled over several calls
		// would leave half-imported state to clean up. 100,000 pairs take about 11-24 s on PGlite,
		// within 2× of a bare COPY of the same rows (BENCHMARKS.md, "Import").
		const result = await db.rpc<{ imported: number; duplicate_rows: number[] }>(
			'import_pairs',
			{ dataset_slug: datasetSlug, pairs: read.pairs },
			caller
		);
		return { imported: result.imported, duplicates: result.duplicate_rows.length, duplicateRows: result.duplicate_rows };
	} catch (e) {
		// The one problem only the database can see: an id already used in the dataset.
		if (e instanceof DbError && e.isUniqueViolation && /^row \d+: /.test(e.message)) return { problems: [e.message] };
		throw e;
	}
}
