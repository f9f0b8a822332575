import { error } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { addSteward, listStewards, removeSteward, StewardEmail } from '$lib/server/co-stewards';
import { DatasetSlug } from '$lib/server/datasets';
import { listExports } from '$lib/server/exports';
import { parseForm, refusalAsFailure } from '$lib/server/forms';
import { requireMember } from '$lib/server/guards';
import {
	DatasetFields,
	LICENSES,
	publishTerms,
	saveTermsDraft,
	setStatus,
	StatusChange,
	stewardOverview,
	TermsDraft,
	updateDataset
} from '$lib/server/stewardship';
import type { Actions, PageServerLoad } from './$types';

function slugOf(params: { slug: string }): string {
	const slug = DatasetSlug.safeParse(params.slug);
	if (!slug.success) error(404, 'No dataset with that name.');
	return slug.data;
}

export const load: PageServerLoad = async ({ locals, url, params, parent }) => {
	const caller = requireMember(locals, url);
	const { dataset } = await parent();
	if (!dataset.is_steward) error(403, 'Only the stewards of this dataset can manage it.');
	const b = await backend();
	const slug = slugOf(params);
	const [overview, stewards, exports] = await Promise.all([
		stewardOverview(b.db, caller, slug),
		listStewards(b.db, caller, slug),
		listExports(b, caller, slug)
	]);
	return { overview, stewards, exports, licenses: LICENSES };
};

export const actions: Actions = {
	save: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, DatasetFields);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => {
			await updateDataset(db, caller, slugOf(params), parsed.data);
			return { saved: 'dataset' as const };
		});
	},
	status: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, StatusChange);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => {
			await setStatus(db, caller, slugOf(params), parsed.data.status);
			return { saved: parsed.data.status };
		});
	},
	draft: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, TermsDraft);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => ({ draftVersion: await saveTermsDraft(db, caller, slugOf(params), parsed.data) }));
	},
	publish: async ({ locals, url, params }) => {
		const caller = requireMember(locals, url);
		const { db } = await backend();
		return refusalAsFailure(async () => ({ publishedVersion: await publishTerms(db, caller, slugOf(params)) }));
	},
	addSteward: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, StewardEmail);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => {
			await addSteward(db, caller, slugOf(params), parsed.data.email);
			return { stewardAdded: parsed.data.email };
		}, parsed.data);
	},
	removeSteward: async ({ request, locals, url, params }) => {
		const caller = requireMember(locals, url);
		const parsed = await parseForm(request, StewardEmail);
		if ('failure' in parsed) return parsed.failure;
		const { db } = await backend();
		return refusalAsFailure(async () => {
			await removeSteward(db, caller, slugOf(params), parsed.data.email);
			return { stewardRemoved: parsed.data.email };
		});
	}
};
