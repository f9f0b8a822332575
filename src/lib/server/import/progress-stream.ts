import type { DbPort, Member } from '../db/port';
import type { ByteSource } from './bytes';
import type { ImportFormat, ImportProgress } from './limits';
import type { ImportEvent } from '$lib/import-format';
import { importUpload } from './upload';

/** Often enough for a progress bar to move smoothly, rarely enough not to flood the response. */
const PROGRESS_EVERY_MS = 200;

/**
 * The import as newline-delimited JSON: progress while the file is read, then one outcome. The
 * response starts at once, so the page hears about the reading as it happens.
 */
export function importEvents(db: DbPort, caller: Member, datasetSlug: string, format: ImportFormat, body: ByteSource): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	// The steward may close the page mid-import: the import still ends, unheard.
	let gone = false;
	return new ReadableStream<Uint8Array>({
		cancel() {
			gone = true;
		},
		async start(controller) {
			const send = (event: ImportEvent) => {
				if (!gone) controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'));
			};
			let last = 0;
			const onProgress = (progress: ImportProgress) => {
				const now = Date.now();
				if (!progress.finished && now - last < PROGRESS_EVERY_MS) return;
				last = now;
				send({ type: 'progress', ...progress });
			};
			try {
				send({ type: 'outcome', ...(await importUpload(db, caller, datasetSlug, format, body, onProgress)) });
			} catch (e) {
				console.error('pair import failed', e);
				send({ type: 'failed', message: 'The import failed on the server. Nothing was imported; please try again.' });
			}
			if (!gone) controller.close();
		}
	});
}
