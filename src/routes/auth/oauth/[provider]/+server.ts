import { error, redirect } from '@sveltejs/kit';
import { OAuthInput } from '$lib/server/auth/schemas';
import { callbackUrl, oauthUrl } from '$lib/server/auth/supabase-auth';
import { backend } from '$lib/server/backend';
import { NextPath } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * Starts sign-in with an OAuth provider: the PKCE verifier goes into a cookie, the browser to
 * Supabase Auth and on to the provider. A link, not a form: the page's Content-Security-Policy
 * lets forms post only to this site, and Chromium holds a form's redirects to that too.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const { supabase } = await backend();
	const provider = OAuthInput.safeParse({ provider: params.provider });
	if (!supabase || !locals.supabase || !provider.success) error(404, 'No such way to sign in here.');
	let to: string;
	try {
		to = await oauthUrl(locals.supabase, supabase, provider.data.provider, callbackUrl(url, NextPath.parse(url.searchParams.get('next'))));
	} catch {
		error(404, `Signing in with "${provider.data.provider}" is not offered here.`);
	}
	redirect(303, to);
};
