import { redirect } from '@sveltejs/kit';
import { authFormFailure } from '$lib/server/auth/form-failure';
import { SignInInput } from '$lib/server/auth/schemas';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { backend } from '$lib/server/backend';
import { parseForm } from '$lib/server/forms';
import { NextPath } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, NextPath.parse(url.searchParams.get('next')));
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
		redirect(303, NextPath.parse(url.searchParams.get('next')));
	}
};
