import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportSnapshot, TermsVersionInfo } from './request';

export interface ExportFile {
	/** Relative to the export folder, with forward slashes. */
	path: string;
	bytes: number;
	sha256: string;
	/** Data rows, for data files. */
	rows?: number;
}

export interface Manifest {
	export_id: number;
	dataset: ExportSnapshot['dataset'];
	requested_by: string;
	requested_at: string;
	finished_at: string;
	purpose: string;
	conditions: ExportSnapshot['conditions'];
	filters: ExportSnapshot['filters'];
	shape: ExportSnapshot['shape'];
	format: ExportSnapshot['format'];
	accepted_terms_version: number;
	row_counts: Record<string, number>;
	votes: number;
	terms_versions: TermsVersionInfo[];
	aggregation_rule?: string;
	files: ExportFile[];
}

export async function sha256File(path: string): Promise<string> {
	const hash = createHash('sha256');
	// Read a megabyte at a time: at the default 64 kB, a 100 MB file took twice as long (110 against 55 ms).
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Size and sha256 of a file in the export folder. */
export async function describeFile(outDir: string, path: string, rows?: number): Promise<ExportFile> {
	const full = join(outDir, path);
	const [{ size }, sha256] = await Promise.all([stat(full), sha256File(full)]);
	return rows === undefined ? { path, bytes: size, sha256 } : { path, bytes: size, sha256, rows };
}
