import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { ExportId, exportStatus } from '$lib/server/exports';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const caller = requireMember(locals, url);
	const id = ExportId.safeParse(params.id);
	const status = id.success ? await exportStatus(await backend(), caller, id.data) : null;
	if (!status) error(404, 'No export with that number, or it is not yours to see.');
	return { export: status };
};
