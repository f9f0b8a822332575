import { backend } from '$lib/server/backend';
import { listDatasets } from '$lib/server/datasets';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	datasets: await listDatasets((await backend()).db, locals.caller)
});
