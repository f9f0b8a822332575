import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DatasetSlug, getDataset } from '$lib/server/datasets';
import { importEvents } from '$lib/server/import/progress-stream';
import { formatFor, FormatChoice } from '$lib/server/import/upload';
import type { RequestHandler } from './$types';

const NDJSON = { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' };

/** The page's upload with progress: the file is the raw body, the answer a stream of events. */
export const POST: RequestHandler = async ({ request, locals, params, url }) => {
	if (locals.caller.role !== 'authenticated') error(401, 'Sign in to import pairs.');
	// Only a script of this site's own can send this type cross-origin-safely: forms cannot.
	if (request.headers.get('content-type') !== 'application/octet-stream') error(415, 'Send the file as application/octet-stream.');
	const slug = DatasetSlug.safeParse(params.slug);
	if (!slug.success) error(404, 'No dataset with that name.');
	const { db } = await backend();
	const dataset = await getDataset(db, locals.caller, slug.data);
	if (!dataset?.is_steward) error(403, 'Only the stewards of this dataset can import pairs into it.');
	const chosen = formatFor(FormatChoice.parse(url.searchParams.get('format')), url.searchParams.get('name') ?? '');
	if ('problems' in chosen) {
		return new Response(JSON.stringify({ type: 'outcome', problems: chosen.problems }) + '\n', { headers: NDJSON });
	}
	const body = request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
	return new Response(importEvents(db, locals.caller, slug.data, chosen.format, body), { headers: NDJSON });
};
