import { fail, redirect } from '@sveltejs/kit';
import { authFormFailure } from '$lib/server/auth/form-failure';
import { MagicLinkInput, SignInInput } from '$lib/server/auth/schemas';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { callbackUrl, sendMagicLink, signInWithPassword } from '$lib/server/auth/supabase-auth';
import { backend } from '$lib/server/backend';
import { parseForm } from '$lib/server/forms';
import { NextPath } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, NextPath.parse(url.searchParams.get('next')));
	const { supabase } = await backend();
	return {
		mode: supabase ? ('supabase' as const) : ('local' as const),
		passwordSignIn: supabase ? supabase.passwordSignIn : true,
		providers: supabase?.oauthProviders ?? [],
		failed: url.searchParams.has('failed'),
		// Named actions replace the query string, so each form carries `next` on.
		next: NextPath.parse(url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	password: async ({ request, cookies, url, locals, getClientAddress }) => {
		const parsed = await parseForm(request, SignInInput);
		if ('failure' in parsed) return parsed.failure;
		const { accounts, db, supabase } = await backend();
		try {
			if (accounts) setSessionCookie(cookies, url, await accounts.signIn(parsed.data, getClientAddress()));
			else if (locals.supabase && supabase?.passwordSignIn) await signInWithPassword(locals.supabase, db, parsed.data);
			else return fail(404, { errors: { fields: {}, message: 'Sign in with an email link instead.' }, values: {} });
		} catch (e) {
			return authFormFailure(e, parsed.data);
		}
		redirect(303, NextPath.parse(url.searchParams.get('next')));
	},
	magic: async ({ request, url, locals }) => {
		const client = locals.supabase;
		if (!client) return fail(404, { errors: { fields: {}, message: 'Email links are not used on this server.' }, values: {} });
		const parsed = await parseForm(request, MagicLinkInput);
		if ('failure' in parsed) return parsed.failure;
		try {
			await sendMagicLink(client, parsed.data.email, callbackUrl(url, NextPath.parse(url.searchParams.get('next'))));
		} catch (e) {
			return authFormFailure(e, parsed.data);
		}
		return { sentTo: parsed.data.email };
	}
};
