import { error, fail } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DatasetSlug } from '$lib/server/datasets';
import { requireMember } from '$lib/server/guards';
import { LIMIT_WORDS, MAX_FILE_BYTES } from '$lib/server/import/limits';
import { formatFor, ImportForm, importUpload } from '$lib/server/import/upload';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	requireMember(locals, url);
	const { dataset } = await parent();
	if (!dataset.is_steward) error(403, 'Only the stewards of this dataset can import pairs into it.');
	return { limits: LIMIT_WORDS, maxFileBytes: MAX_FILE_BYTES };
};

/** Without JavaScript: the whole form arrives at once, and the outcome comes back as the page. */
export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const slug = DatasetSlug.safeParse(params.slug);
		if (!slug.success) error(404, 'No dataset with that name.');
		const form = ImportForm.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { outcome: { problems: form.error.issues.map((i) => i.message) } });
		const chosen = formatFor(form.data.format, form.data.file.name);
		if ('problems' in chosen) return fail(400, { outcome: chosen });
		const outcome = await importUpload((await backend()).db, caller, slug.data, chosen.format, form.data.file.stream());
		if ('refused' in outcome) return fail(403, { outcome });
		if ('problems' in outcome) return fail(400, { outcome });
		return { outcome };
	}
};
