import { parseApi, refusalAsResponse } from '$lib/server/api';
import { backend } from '$lib/server/backend';
import { exportFile, ExportInput, startExport } from '$lib/server/exports';
import { requireApiMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * One request, one data file, for curl: makes the export described by the query and answers
 * with its data. Its card, Croissant and manifest are at the address in the Link header.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const caller = requireApiMember(locals);
	const input = parseApi(ExportInput, Object.fromEntries(url.searchParams));
	if ('response' in input) return input.response;
	return refusalAsResponse(async () => {
		const b = await backend();
		const { exportId, finished } = await startExport(b, caller, params.slug, input.data, url.origin);
		const [data] = (await finished).dataFiles;
		const file = (await exportFile(b, caller, exportId, data!.path))!;
		return new Response(file.body, {
			headers: {
				'content-type': file.type,
				'content-length': String(file.size),
				'content-disposition': `attachment; filename="${params.slug}-${exportId}.${input.data.format}"`,
				'x-export-id': String(exportId),
				link: `<${url.origin}/api/v1/exports/${exportId}/files/manifest.json>; rel="describedby"`
			}
		});
	});
};
