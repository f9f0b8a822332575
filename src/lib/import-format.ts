/** Shared by the upload page and the server, so both infer a file's format the same way. */
export const IMPORT_FORMAT_NAMES = { jsonl: 'JSONL', csv: 'CSV', parquet: 'Parquet' } as const;
export type ImportFormatName = keyof typeof IMPORT_FORMAT_NAMES;

const BY_EXTENSION: Record<string, ImportFormatName> = { jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv', parquet: 'parquet', pq: 'parquet' };

/** The format a file name says it is in, if it says. */
export function formatOfName(name: string): ImportFormatName | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
	return extension ? BY_EXTENSION[extension] : undefined;
}

/** What an import came to, as the page shows it. */
export type ImportOutcome =
	| { imported: number; duplicates: number; duplicateRows: number[]; format: ImportFormatName; problems?: undefined; refused?: undefined }
	| { problems: string[]; format?: ImportFormatName; refused?: undefined; imported?: undefined }
	| { refused: string; problems?: undefined; imported?: undefined };

/** One line of the streamed upload's answer. */
export type ImportEvent =
	| { type: 'progress'; bytesRead: number; rowsParsed: number; finished?: boolean }
	| ({ type: 'outcome' } & ImportOutcome)
	| { type: 'failed'; message: string };
