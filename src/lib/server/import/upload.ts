/**
 * A steward's upload, from the page's form (no JavaScript) or streamed with progress (JavaScript):
 * which format to read it as, and the outcome in the words the page shows.
 */
import { z } from 'zod';
import { formatOfName, type ImportOutcome } from '$lib/import-format';
import { DbError, type DbPort, type Member } from '../db/port';
import type { ByteSource } from './bytes';
import { importPairs } from './index';
import { IMPORT_FORMATS, MAX_PROBLEMS, type ImportFormat, type ImportProgress } from './limits';

export const FormatChoice = z.enum(['auto', ...IMPORT_FORMATS], { error: 'choose JSONL, CSV or Parquet' }).catch('auto');

/** The no-JavaScript form: the file and the format chosen. */
export const ImportForm = z.object({
	format: FormatChoice,
	file: z
		.instanceof(File, { error: 'choose a file to import' })
		.refine((f) => f.size > 0 || f.name !== '', 'choose a file to import')
});

/** The chosen format, else the file name's; a name that says nothing is a problem, not a guess. */
export function formatFor(choice: z.infer<typeof FormatChoice>, fileName: string): { format: ImportFormat } | { problems: string[] } {
	if (choice !== 'auto') return { format: choice };
	const format = formatOfName(fileName);
	if (format) return { format };
	return { problems: [`the file name "${fileName}" does not say its format (.jsonl, .csv or .parquet): choose the format`] };
}

/** Runs the import; a refusal from the database (not a steward) is an outcome, not an error. */
export async function importUpload(
	db: DbPort,
	caller: Member,
	datasetSlug: string,
	format: ImportFormat,
	bytes: ByteSource,
	onProgress?: (progress: ImportProgress) => void
): Promise<ImportOutcome> {
	try {
		const result = await importPairs(db, caller, datasetSlug, format, bytes, onProgress);
		if (result.problems) return { problems: result.problems, format };
		// The page lists skipped rows by number; past a screenful, the count says the rest.
		return { ...result, duplicateRows: result.duplicateRows.slice(0, MAX_PROBLEMS), format };
	} catch (e) {
		if (e instanceof DbError && e.code === '42501') return { refused: e.message };
		throw e;
	}
}
