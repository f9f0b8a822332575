import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { myVotesJsonl } from '$lib/server/contributions';
import { DatasetSlug } from '$lib/server/datasets';
import { requireMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url }) => {
	const caller = requireMember(locals, url);
	const slug = DatasetSlug.safeParse(params.slug);
	if (!slug.success) error(404, 'No dataset with that name.');
	return new Response(await myVotesJsonl((await backend()).db, caller, slug.data), {
		headers: {
			'content-type': 'application/x-ndjson; charset=utf-8',
			'content-disposition': `attachment; filename="my-votes-${slug.data}.jsonl"`
		}
	});
};
