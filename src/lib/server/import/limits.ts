/** What one import accepts; the upload form states these, so they are the only place they live. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 200_000;
/** Per text field: each message's content, and the metadata as JSON. */
export const MAX_FIELD_CHARS = 50_000;
/** A JSONL line, or a CSV record (which may span lines). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Problems listed before the rest are only counted. */
export const MAX_PROBLEMS = 50;

/** The same limits, in the words the messages use. */
export const LIMIT_WORDS = {
	file: '50 MB',
	rows: MAX_ROWS.toLocaleString('en-US'),
	field: `${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`,
	line: '1 MB'
} as const;

export const IMPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportProgress {
	bytesRead: number;
	rowsParsed: number;
	/** Every row is read and valid: what remains is adding the pairs to the dataset. */
	finished?: boolean;
}
