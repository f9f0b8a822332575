import { diffLines } from 'diff';
import { z } from 'zod';
import type { Caller, DbPort } from './db';

const TermsVersion = z.object({
	version: z.number().int().positive(),
	summary: z.string(),
	full_text: z.string(),
	allow_train_ai: z.boolean(),
	allow_evaluate: z.boolean(),
	allow_publish: z.boolean(),
	allow_commercial: z.boolean(),
	open_weights_only: z.boolean(),
	license: z.string(),
	attribution: z.enum(['pseudonymous', 'named_on_request']),
	withdrawal_policy: z.string(),
	retention: z.string(),
	contact: z.string(),
	material: z.boolean(),
	published_at: z.string()
});
export type TermsVersion = z.infer<typeof TermsVersion>;

/** One changed field of the terms, as the page shows it. */
export type FieldChange = { field: string; before: string; after: string };

/** One line of a text diff: plain text, never HTML, so the page escapes it like any other text. */
export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

/** A run of lines around changes, after `skipped` unchanged lines that are not shown. */
export type DiffHunk = { skipped: number; lines: DiffLine[] };

/** A line diff, or null when the text did not change. */
export type TextDiff = { hunks: DiffHunk[]; skippedAtEnd: number } | null;

export type TermsChanges = { from: number; fields: FieldChange[]; summary: TextDiff; fullText: TextDiff };
export type TermsHistoryEntry = TermsVersion & { changes: TermsChanges | null };

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const orNone = (value: string) => value || '(none)';
const attributionLabel = (value: TermsVersion['attribution']) =>
	value === 'named_on_request' ? 'Pseudonymous, or named on request' : 'Pseudonymous only';

// In the order and words the dataset page uses. `material` is left out on purpose: it describes a
// version's relation to the one before it, so "yes → no" between two versions would mislead;
// the page states it for each version instead.
const FIELDS: { label: string; show: (t: TermsVersion) => string }[] = [
	{ label: 'Training or fine-tuning AI models', show: (t) => yesNo(t.allow_train_ai) },
	{ label: 'Evaluating models (benchmarks, evals)', show: (t) => yesNo(t.allow_evaluate) },
	{ label: 'Publishing the dataset', show: (t) => yesNo(t.allow_publish) },
	{ label: 'Commercial use', show: (t) => yesNo(t.allow_commercial) },
	{ label: 'Only for models whose weights are released', show: (t) => yesNo(t.open_weights_only) },
	{ label: 'License', show: (t) => t.license },
	{ label: 'Attribution', show: (t) => attributionLabel(t.attribution) },
	{ label: 'Withdrawal policy', show: (t) => orNone(t.withdrawal_policy) },
	{ label: 'Retention', show: (t) => orNone(t.retention) },
	{ label: 'Contact', show: (t) => orNone(t.contact) }
];

// Stewards write terms in a browser textarea (CRLF) or an editor (LF, maybe no final newline);
// neither difference is a change anyone made on purpose.
const normalise = (text: string) => {
	const lf = text.replace(/\r\n?/g, '\n');
	return lf === '' || lf.endsWith('\n') ? lf : `${lf}\n`;
};

// Enough around each change to place it; a one-line edit to long terms should not repeat them whole.
const CONTEXT = 3;

function diffLinesOf(before: string, after: string): DiffLine[] {
	const a = normalise(before);
	const b = normalise(after);
	// Terms run to 100,000 characters; past the time limit the whole old text is shown as removed
	// and the new as added, which is still true, only less precise.
	const parts = diffLines(a, b, { timeout: 2000 }) ?? [
		{ value: a, added: false, removed: true },
		{ value: b, added: true, removed: false }
	];
	return parts.flatMap(({ value, added, removed }) => {
		const kind: DiffLine['kind'] = added ? 'added' : removed ? 'removed' : 'same';
		return value === '' ? [] : value.replace(/\n$/, '').split('\n').map((text) => ({ kind, text }));
	});
}

/** A line diff of two texts, showing CONTEXT unchanged lines around each change. */
export function diffText(before: string, after: string): TextDiff {
	const lines = diffLinesOf(before, after);
	const shown = lines.map(() => false);
	lines.forEach((line, i) => {
		if (line.kind !== 'same') shown.fill(true, Math.max(0, i - CONTEXT), i + CONTEXT + 1);
	});
	if (!shown.includes(true)) return null;
	const hunks: DiffHunk[] = [];
	let skipped = 0;
	lines.forEach((line, i) => {
		if (!shown[i]) skipped++;
		else if (skipped > 0 || hunks.length === 0) {
			hunks.push({ skipped, lines: [line] });
			skipped = 0;
		} else hunks.at(-1)!.lines.push(line);
	});
	return { hunks, skippedAtEnd: skipped };
}

/** What changed from `before` to `after`; unchanged fields are left out. */
export function termsChanges(before: TermsVersion, after: TermsVersion): TermsChanges {
	return {
		from: before.version,
		fields: FIELDS.flatMap(({ label, show }) =>
			show(before) === show(after) ? [] : [{ field: label, before: show(before), after: show(after) }]
		),
		summary: diffText(before.summary, after.summary),
		fullText: diffText(before.full_text, after.full_text)
	};
}

/** Versions newest first, each with what changed from the one published before it. */
export function withChanges(versions: TermsVersion[]): TermsHistoryEntry[] {
	const newestFirst = [...versions].sort((a, b) => b.version - a.version);
	return newestFirst.map((t, i) => {
		const previous = newestFirst[i + 1];
		return { ...t, changes: previous ? termsChanges(previous, t) : null };
	});
}

/** Every published terms version of the dataset, newest first, with what each one changed. */
export async function termsHistory(db: DbPort, caller: Caller, slug: string): Promise<TermsHistoryEntry[]> {
	return withChanges(z.array(TermsVersion).parse(await db.rpc('terms_history', { dataset_slug: slug }, caller)));
}
