/** What one import accepts; the upload form states these, so they are the only place they live. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 200_000;
/** Per text field: each message's content, and the metadata as JSON. */
export const MAX_FIELD_CHARS = 50_000;
/** A JSONL line, or a CSV record (which may span lines). */
export const MAX_LINE_BYTES = 1024 * 1024;
/**
 * The Parquet reader runs in a worker thread: each part of the file (the footer, then one row
 * group at a time) must be decoded within `seconds`, in a heap of at most `heapMegabytes`.
 * Measured: 100,000 pairs in one row group (95 MB of text, a 31 MB file) read in 1.0 s within a
 * 128 MB heap, and failed within 64 MB; a full 50 MB file would need about twice that.
 */
export const PARQUET_READER = { seconds: 60, heapMegabytes: 512 };
export type ParquetReaderLimits = typeof PARQUET_READER;
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
