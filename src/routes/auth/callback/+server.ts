import { redirect } from '@sveltejs/kit';
import { AuthCallbackQuery } from '$lib/server/auth/schemas';
import { exchangeCode } from '$lib/server/auth/supabase-auth';
import { backend } from '$lib/server/backend';
import { NextPath } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** Where Supabase Auth sends the browser after an email link or an OAuth provider (PKCE). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const query = AuthCallbackQuery.safeParse(Object.fromEntries(url.searchParams));
	const next = NextPath.parse(url.searchParams.get('next'));
	if (!locals.supabase || !query.success) redirect(303, '/signin?failed');
	try {
		await exchangeCode(locals.supabase, (await backend()).db, query.data.code);
	} catch {
		redirect(303, `/signin?failed&next=${encodeURIComponent(next)}`);
	}
	redirect(303, next);
};
