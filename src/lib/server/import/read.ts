import { randomInt } from 'node:crypto';
import { chunksOf, type ByteSource } from './bytes';
import { csvRecords } from './csv';
import { jsonlRecords } from './jsonl';
import { parquetRecords } from './parquet';
import { LIMIT_WORDS, MAX_ROWS, type ImportFormat, type ImportProgress, type ParquetReaderLimits } from './limits';
import { ImportStop, Problems } from './problems';
import { fromCsv, shapeRow } from './shape';
import { validateRow, type ImportedPair } from './validate';

export interface ReadOptions {
	onProgress?: (progress: ImportProgress) => void;
	/** In [0, 1); decides which TRL response becomes response_a. Tests pass their own. */
	random?: () => number;
	/** Limits of the Parquet reader; tests lower them. */
	parquetReader?: Partial<ParquetReaderLimits>;
}

export type ReadResult = { pairs: ImportedPair[]; problems?: undefined } | { problems: string[]; pairs?: undefined };

/**
 * Reads and validates the whole file, streaming, keeping only the normalised pairs. Any problem
 * means no pairs: a steward fixes the file and imports it again, never half of it.
 */
export async function readPairs(format: ImportFormat, source: ByteSource, options: ReadOptions = {}): Promise<ReadResult> {
	const random = options.random ?? (() => randomInt(2) / 2);
	const progress: ImportProgress = { bytesRead: 0, rowsParsed: 0 };
	const chunks = chunksOf(source, (total) => {
		progress.bytesRead = total;
		options.onProgress?.({ ...progress });
	});
	const records = format === 'csv' ? csvRecords(chunks) : format === 'parquet' ? parquetRecords(chunks, options.parquetReader) : jsonlRecords(chunks);
	const problems = new Problems();
	const pairs: ImportedPair[] = [];
	const ids = new Map<string, number>();
	try {
		for await (const record of records) {
			progress.rowsParsed++;
			if (progress.rowsParsed > MAX_ROWS) throw new ImportStop(`the file has more than the ${LIMIT_WORDS.rows} rows limit`);
			if (record.problem !== undefined) {
				problems.add(record.problem);
				continue;
			}
			const { row } = record;
			let fields = record.fields;
			if (format === 'csv') {
				const converted = fromCsv(fields, row);
				if (converted.problem) {
					problems.add(converted.problem);
					continue;
				}
				fields = converted.fields;
			}
			const shaped = shapeRow(fields, row, random);
			if (shaped.problem !== undefined) {
				problems.add(shaped.problem);
				continue;
			}
			const checked = validateRow(shaped.fields, row, shaped.names);
			if (checked.problems) {
				checked.problems.forEach((p) => problems.add(p));
				continue;
			}
			const id = checked.pair.external_id;
			if (id !== null) {
				const first = ids.get(id);
				if (first !== undefined) {
					problems.add(`row ${row}: id "${id}" is already used by row ${first}`);
					continue;
				}
				ids.set(id, row);
			}
			// Only kept while the file is clean: a bad file needs its problems, not its pairs.
			if (!problems.any) pairs.push(checked.pair);
		}
	} catch (e) {
		if (!(e instanceof ImportStop)) throw e;
		problems.add(e.message);
	}
	if (problems.any) return { problems: problems.list() };
	if (pairs.length === 0) return { problems: ['the file has no pairs'] };
	options.onProgress?.({ ...progress, finished: true });
	// Embedded PGlite holds the event loop for the whole database call that follows: one turn
	// first lets this last progress reach the steward's page before it.
	await new Promise((resolve) => setImmediate(resolve));
	return { pairs };
}
