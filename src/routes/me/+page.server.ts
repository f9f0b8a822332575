import { error } from '@sveltejs/kit';
import { ApiTokenChoice, NewApiToken, createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { backend } from '$lib/server/backend';
import { DatasetChoice, myContributions, restore, withdraw } from '$lib/server/contributions';
import { parseForm, refusalAsFailure } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const caller = requireMember(locals, url);
	const { db } = await backend();
	const [contributions, apiTokens] = await Promise.all([myContributions(db, caller), listApiTokens(db, caller)]);
	return { contributions, apiTokens };
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
	},
	createToken: async ({ request, locals, url }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, NewApiToken);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => ({ created: { name: parsed.data.name, token: await createApiToken(db, caller, parsed.data) } }), {
			name: parsed.data.name
		});
	},
	revokeToken: async ({ request, locals, url }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, ApiTokenChoice);
		if ('failure' in parsed) error(400, 'Which token? The form named none.');
		const { db } = await backend();
		return refusalAsFailure(async () => ({ revoked: await revokeApiToken(db, caller, parsed.data.id) }));
	}
};
