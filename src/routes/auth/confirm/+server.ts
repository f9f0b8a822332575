import { redirect } from '@sveltejs/kit';
import { EmailConfirmQuery } from '$lib/server/auth/schemas';
import { confirmEmail } from '$lib/server/auth/supabase-auth';
import { backend } from '$lib/server/backend';
import { NextPath } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * The email-link route of Supabase's server-side auth guide, for projects whose email templates
 * link to `{{ .SiteURL }}/auth/confirm?token_hash={{ .TokenHash }}&type=email`: it works even when
 * the link is opened in another browser than the one that asked for it.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const query = EmailConfirmQuery.safeParse(Object.fromEntries(url.searchParams));
	const next = NextPath.parse(url.searchParams.get('next'));
	if (!locals.supabase || !query.success) redirect(303, '/signin?failed');
	try {
		await confirmEmail(locals.supabase, (await backend()).db, query.data.token_hash, query.data.type);
	} catch {
		redirect(303, `/signin?failed&next=${encodeURIComponent(next)}`);
	}
	redirect(303, next);
};
