import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DatasetSlug, getDataset } from '$lib/server/datasets';
import { renderMarkdown } from '$lib/server/markdown';
import type { LayoutServerLoad } from './$types';

/** The dataset for its page, its consent page and its ranking page. */
export const load: LayoutServerLoad = async ({ params, locals }) => {
	const slug = DatasetSlug.safeParse(params.slug);
	const dataset = slug.success ? await getDataset((await backend()).db, locals.caller, slug.data) : null;
	if (!dataset) error(404, 'No dataset with that name, or it is not open to you.');
	return { dataset, guidelinesHtml: dataset.guidelines ? renderMarkdown(dataset.guidelines) : null };
};
