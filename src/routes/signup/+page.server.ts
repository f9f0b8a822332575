import { redirect } from '@sveltejs/kit';
import { authFormFailure } from '$lib/server/auth/form-failure';
import { SignUpInput, PASSWORD_MIN } from '$lib/server/auth/schemas';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { backend, localAccountsOrFail } from '$lib/server/backend';
import { parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/');
	// Supabase Auth's email link signs up and signs in alike.
	if ((await backend()).supabase) redirect(303, '/signin');
	return { passwordMin: PASSWORD_MIN };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const parsed = await parseForm(request, SignUpInput);
		if ('failure' in parsed) return parsed.failure;
		try {
			const session = await (await localAccountsOrFail()).signUp(parsed.data);
			setSessionCookie(cookies, url, session);
		} catch (e) {
			return authFormFailure(e, parsed.data);
		}
		redirect(303, '/');
	}
};
