import { redirect } from '@sveltejs/kit';
import { authFormFailure } from '$lib/server/auth/form-failure';
import { SignInInput } from '$lib/server/auth/schemas';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { backend } from '$lib/server/backend';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const parsed = await parseForm(request, SignInInput);
		if ('failure' in parsed) return parsed.failure;
		try {
			const session = await (await backend()).accounts.signIn(parsed.data);
			setSessionCookie(cookies, url, session);
		} catch (e) {
			return authFormFailure(e, parsed.data);
		}
		redirect(303, '/');
	}
};
