import { fail, redirect } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DbError } from '$lib/server/db';
import { echo, parseForm, type FormErrors } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import { createDataset, NewDataset } from '$lib/server/stewardship';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireMember(locals, url);
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, NewDataset);
		if ('failure' in parsed) return parsed.failure;
		try {
			await createDataset((await backend()).db, caller, parsed.data);
		} catch (e) {
			if (!(e instanceof DbError && e.isUniqueViolation)) throw e;
			const errors: FormErrors = { fields: { slug: 'That short name is taken: choose another.' } };
			return fail(409, { errors, values: echo({ ...parsed.data, overlapTarget: String(parsed.data.overlapTarget) }) });
		}
		redirect(303, `/datasets/${parsed.data.slug}/steward`);
	}
};
