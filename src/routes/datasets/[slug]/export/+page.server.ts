import { redirect } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { datasetFigures } from '$lib/server/datasets';
import { ExportInput, startExport } from '$lib/server/exports';
import { parseForm, refusalAsFailure } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const caller = requireMember(locals, url);
	return { figures: await datasetFigures((await backend()).db, caller, params.slug) };
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, ExportInput);
		if ('failure' in parsed) return parsed.failure;
		const started = await refusalAsFailure(async () => startExport(await backend(), caller, params.slug, parsed.data, url.origin), parsed.data);
		if (!('exportId' in started)) return started;
		// Made in the background; its page shows the progress. A failure is recorded there.
		started.finished.catch(() => {});
		redirect(303, `/exports/${started.exportId}`);
	}
};
