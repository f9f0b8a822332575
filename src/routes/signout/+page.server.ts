import { redirect } from '@sveltejs/kit';
import { clearSessionCookie, sessionToken } from '$lib/server/auth/session-cookie';
import { signOutOfSupabase } from '$lib/server/auth/supabase-auth';
import { backend } from '$lib/server/backend';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, url, locals }) => {
		if (locals.supabase) {
			await signOutOfSupabase(locals.supabase);
		} else {
			const token = sessionToken(cookies);
			const { accounts } = await backend();
			if (token && accounts) await accounts.signOut(token);
			clearSessionCookie(cookies, url);
		}
		redirect(303, '/');
	}
};
