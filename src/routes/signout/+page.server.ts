import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, sessionToken } from '$lib/server/auth/session-cookie';
import { backend } from '$lib/server/backend';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, url }) => {
		const token = sessionToken(cookies);
		if (token) await (await backend()).accounts.signOut(token);
		clearSessionCookie(cookies, url);
		redirect(303, '/');
	}
};
