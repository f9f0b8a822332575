import { error, redirect } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { DatasetSlug } from '$lib/server/datasets';
import { parseForm, refusalAsFailure } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import {
	AssignmentInput,
	nextTask,
	rankingProgress,
	skipPair,
	submitVote,
	undoLastVote,
	VoteInput
} from '$lib/server/ranking';
import type { Actions, PageServerLoad } from './$types';

function slugOf(params: { slug: string }): string {
	const slug = DatasetSlug.safeParse(params.slug);
	if (!slug.success) error(404, 'No dataset with that name.');
	return slug.data;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const caller = requireMember(locals, url);
	const slug = slugOf(params);
	const { db } = await backend();
	const progress = await rankingProgress(db, caller, slug);
	if (!progress) error(404, 'No dataset with that name, or it is not open to you.');
	if (progress.consent !== 'current') redirect(303, `/datasets/${slug}/consent`);
	return { progress, task: await nextTask(db, caller, slug) };
};

export const actions: Actions = {
	vote: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, VoteInput);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => ({
			outcome: 'voted' as const,
			task: await submitVote(db, caller, slugOf(params), parsed.data)
		}));
	},
	skip: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, AssignmentInput);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => ({
			outcome: 'skipped' as const,
			task: await skipPair(db, caller, slugOf(params), parsed.data.assignmentId)
		}));
	},
	undo: async ({ locals, url, params }) => {
		const caller = requireMember(locals, url);
		const { db } = await backend();
		const { undone, task } = await undoLastVote(db, caller, slugOf(params));
		return { outcome: undone ? ('undone' as const) : ('too-late' as const), task };
	}
};
