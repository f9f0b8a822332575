import { z } from 'zod';
import type { Caller, DbPort } from './db';
import { renderMarkdown } from './markdown';

const Message = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

const NextPairRow = z.object({
	assignment_id: z.number().int(),
	pair_id: z.number().int(),
	prompt: z.array(Message),
	left_response: z.array(Message),
	right_response: z.array(Message)
});

/** A message as the page shows it: the role, and its markdown rendered to safe HTML. */
export type RenderedMessage = { role: z.infer<typeof Message>['role']; html: string };

/** One pair to rank, with the responses in the order this volunteer sees them. */
export type Task = {
	assignmentId: number;
	pairId: number;
	prompt: RenderedMessage[];
	left: RenderedMessage[];
	right: RenderedMessage[];
};

export const CHOICES = [
	'left-much-better',
	'left-better',
	'tie',
	'right-better',
	'right-much-better',
	'both-bad'
] as const;
export type Choice = (typeof CHOICES)[number];

export const VoteInput = z.object({
	assignmentId: z.coerce.number({ error: 'The pair to vote on is missing.' }).int().positive(),
	choice: z.enum(CHOICES, { error: 'Choose which response is better, or tie, or both bad.' }),
	rationale: z
		.string()
		.trim()
		.max(500, 'Keep the rationale to 500 characters or fewer.')
		.optional()
		.transform((v) => v || undefined)
});
export type VoteInput = z.infer<typeof VoteInput>;

export const AssignmentInput = z.object({
	assignmentId: z.coerce.number({ error: 'The pair to skip is missing.' }).int().positive()
});

const Progress = z.object({
	consent: z.enum(['none', 'outdated', 'current']),
	accepted_version: z.number().int().nullable(),
	latest_version: z.number().int().nullable(),
	my_votes_today: z.number().int(),
	my_votes_total: z.number().int(),
	votes_total: z.number().int(),
	votes_goal: z.number().int(),
	pairs_complete: z.number().int(),
	pair_count: z.number().int()
});
export type Progress = z.infer<typeof Progress>;

const render = (messages: z.infer<typeof Message>[]): RenderedMessage[] =>
	messages.map((m) => ({ role: m.role, html: renderMarkdown(m.content) }));

/** The caller's live pair in the dataset, or the next fair one; null when nothing is left. */
export async function nextTask(db: DbPort, caller: Caller, slug: string): Promise<Task | null> {
	return toTask(await db.rpc('next_pair', { dataset_slug: slug }, caller));
}

function toTask(result: unknown): Task | null {
	const row = z.array(NextPairRow).parse(result)[0];
	if (!row) return null;
	return {
		assignmentId: row.assignment_id,
		pairId: row.pair_id,
		prompt: render(row.prompt),
		left: render(row.left_response),
		right: render(row.right_response)
	};
}

/** Records the vote (idempotently) and returns the next task, in one call to the database. */
export async function submitVote(db: DbPort, caller: Caller, slug: string, input: VoteInput): Promise<Task | null> {
	const rows = await db.rpc(
		'vote_and_next',
		{ dataset_slug: slug, assignment_id: input.assignmentId, choice: input.choice, rationale: input.rationale ?? null },
		caller
	);
	return toTask(rows);
}

export async function skipPair(db: DbPort, caller: Caller, slug: string, assignmentId: number): Promise<Task | null> {
	await db.rpc('skip_pair', { assignment_id: assignmentId }, caller);
	return nextTask(db, caller, slug);
}

/** Takes back the last vote if it is recent enough; its pair is then the one shown again. */
export async function undoLastVote(
	db: DbPort,
	caller: Caller,
	slug: string
): Promise<{ undone: boolean; task: Task | null }> {
	const pairId = z.number().int().nullable().parse(await db.rpc('undo_last_vote', { dataset_slug: slug }, caller));
	return { undone: pairId !== null, task: await nextTask(db, caller, slug) };
}

export async function rankingProgress(db: DbPort, caller: Caller, slug: string): Promise<Progress | null> {
	const rows = z.array(Progress).parse(await db.rpc('ranking_progress', { dataset_slug: slug }, caller));
	return rows[0] ?? null;
}
