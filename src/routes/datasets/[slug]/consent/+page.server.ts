import { redirect } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { ConsentInput, giveConsent } from '$lib/server/consent';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { renderMarkdown } from '$lib/server/markdown';
import { rankingProgress } from '$lib/server/ranking';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url, params }) => {
	const caller = requireMember(locals, url);
	const { dataset } = await parent();
	const progress = await rankingProgress((await backend()).db, caller, params.slug);
	return {
		consent: progress?.consent ?? 'none',
		termsHtml: dataset.terms_full_text ? renderMarkdown(dataset.terms_full_text) : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, ConsentInput);
		if ('failure' in parsed) return parsed.failure;
		await giveConsent((await backend()).db, caller, params.slug, parsed.data);
		redirect(303, `/datasets/${params.slug}/rank`);
	}
};
