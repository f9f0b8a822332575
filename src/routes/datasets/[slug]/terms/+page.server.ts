import { backend } from '$lib/server/backend';
import { renderMarkdown } from '$lib/server/markdown';
import { termsHistory } from '$lib/server/terms';
import type { PageServerLoad } from './$types';

/** Public: every published terms version, what each changed, and its full text rendered. */
export const load: PageServerLoad = async ({ parent, locals }) => {
	const { dataset } = await parent();
	const history = await termsHistory((await backend()).db, locals.caller, dataset.slug);
	// The raw full text is not sent: the page shows it rendered, and the diff carries its lines.
	return { versions: history.map(({ full_text, ...t }) => ({ ...t, fullTextHtml: renderMarkdown(full_text) })) };
};
