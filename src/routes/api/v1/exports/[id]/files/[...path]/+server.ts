import { apiError } from '$lib/server/api';
import { backend } from '$lib/server/backend';
import { ExportId, exportFile } from '$lib/server/exports';
import { requireApiMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const caller = requireApiMember(locals);
	const id = ExportId.safeParse(params.id);
	const file = id.success ? await exportFile(await backend(), caller, id.data, params.path) : null;
	if (!file) return apiError(404, 'no such file in an export you may see');
	return new Response(file.body, { headers: { 'content-type': file.type, 'content-length': String(file.size) } });
};
