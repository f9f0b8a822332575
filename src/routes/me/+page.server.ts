import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DatasetChoice, myContributions, restore, withdraw } from '$lib/server/contributions';
import { parseForm } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const caller = requireMember(locals, url);
	return { contributions: await myContributions((await backend()).db, caller) };
};

export const actions: Actions = {
	withdraw: async ({ request, locals, url }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, DatasetChoice);
		if ('failure' in parsed) error(400, 'Which dataset? The form named none.');
		const votes = await withdraw((await backend()).db, caller, parsed.data.slug);
		return { withdrew: { slug: parsed.data.slug, votes } };
	},
	restore: async ({ request, locals, url }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, DatasetChoice);
		if ('failure' in parsed) error(400, 'Which dataset? The form named none.');
		const votes = await restore((await backend()).db, caller, parsed.data.slug);
		return { restored: { slug: parsed.data.slug, votes } };
	}
};
