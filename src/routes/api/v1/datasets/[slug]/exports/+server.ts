import { json } from '@sveltejs/kit';
import { apiError, parseApi, refusalAsResponse } from '$lib/server/api';
import { backend } from '$lib/server/backend';
import { ExportInput, startExport } from '$lib/server/exports';
import { requireApiMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** Makes an export and answers when it is finished: its number, manifest and file addresses. */
export const POST: RequestHandler = async ({ locals, request, params, url }) => {
	const caller = requireApiMember(locals);
	const body: unknown = await request.json().catch(() => undefined);
	if (body === undefined) return apiError(400, 'the body must be a JSON object');
	const input = parseApi(ExportInput, body);
	if ('response' in input) return input.response;
	return refusalAsResponse(async () => {
		const { exportId, finished } = await startExport(await backend(), caller, params.slug, input.data, url.origin);
		const { manifest } = await finished;
		const files = Object.fromEntries(
			[...manifest.files.map((f) => f.path), 'manifest.json'].map((path) => [path, `${url.origin}/api/v1/exports/${exportId}/files/${path}`])
		);
		return json({ id: exportId, manifest, files }, { status: 201 });
	});
};
