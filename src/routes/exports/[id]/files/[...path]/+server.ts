import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { ExportId, exportFile } from '$lib/server/exports';
import { requireMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const caller = requireMember(locals, url);
	const id = ExportId.safeParse(params.id);
	const file = id.success ? await exportFile(await backend(), caller, id.data, params.path) : null;
	if (!file) error(404, 'No such file in an export of yours.');
	return new Response(file.body, {
		headers: {
			'content-type': file.type,
			'content-length': String(file.size),
			'content-disposition': `attachment; filename="${file.name}"`
		}
	});
};
