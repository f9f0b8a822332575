import type { Shape } from './request';
import type { Message, PreferenceRow, VoteRow } from './rows';

/** What a column holds; the Parquet writer maps each to an Arrow type, JSONL to a JSON value. */
export type ColumnKind = 'messages' | 'text' | 'int32' | 'int64' | 'float64' | 'timestamp';

export interface Column<R> {
	name: string;
	kind: ColumnKind;
	nullable: boolean;
	value(row: R): Message[] | string | number | Date | null;
}

export type ShapeColumns = { rows: 'votes'; columns: Column<VoteRow>[] } | { rows: 'preferences'; columns: Column<PreferenceRow>[] };

const col = <R>(name: string, kind: ColumnKind, value: Column<R>['value'], nullable = false): Column<R> => ({
	name,
	kind,
	nullable,
	value
});

/** `preferences-standard` text: the messages' contents joined by a blank line. */
export const plainText = (messages: Message[]) => messages.map((m) => m.content).join('\n\n');

const ARENA_WINNER = { a: 'model_a', b: 'model_b', tie: 'tie', both_bad: 'tie (bothbad)' } as const;

const preferenceTail: Column<PreferenceRow>[] = [
	col('chosen_model', 'text', (r) => r.chosen_model, true),
	col('rejected_model', 'text', (r) => r.rejected_model, true),
	col('score_chosen', 'int32', (r) => r.score_chosen),
	col('score_rejected', 'int32', (r) => r.score_rejected),
	col('margin', 'int32', (r) => r.margin),
	col('n_votes', 'int32', (r) => r.n_votes),
	col('agreement', 'float64', (r) => r.agreement),
	col('pair_id', 'int64', (r) => r.pair_id),
	col('terms_version', 'int32', (r) => r.terms_version)
];

/** The columns of each shape, in order, named as DESIGN.md's "Exports" section names them. */
export const SHAPE_COLUMNS = {
	preferences: {
		rows: 'preferences',
		columns: [
			col('prompt', 'messages', (r) => r.prompt),
			col('chosen', 'messages', (r) => r.chosen),
			col('rejected', 'messages', (r) => r.rejected),
			...preferenceTail
		]
	},
	'preferences-standard': {
		rows: 'preferences',
		columns: [
			col('prompt', 'text', (r) => plainText(r.prompt)),
			col('chosen', 'text', (r) => plainText(r.chosen)),
			col('rejected', 'text', (r) => plainText(r.rejected)),
			...preferenceTail
		]
	},
	votes: {
		rows: 'votes',
		columns: [
			col('pair_id', 'int64', (r) => r.pair_id),
			col('prompt', 'messages', (r) => r.prompt),
			col('response_a', 'messages', (r) => r.response_a),
			col('response_b', 'messages', (r) => r.response_b),
			col('model_a', 'text', (r) => r.model_a, true),
			col('model_b', 'text', (r) => r.model_b, true),
			col('winner', 'text', (r) => ARENA_WINNER[r.winner]),
			col('winner_model_a', 'int32', (r) => (r.winner === 'a' ? 1 : 0)),
			col('winner_model_b', 'int32', (r) => (r.winner === 'b' ? 1 : 0)),
			col('winner_tie', 'int32', (r) => (r.winner === 'tie' || r.winner === 'both_bad' ? 1 : 0)),
			col('strength', 'int32', (r) => r.strength, true),
			col('shown_left', 'text', (r) => (r.shown_left === 'a' ? 'model_a' : 'model_b')),
			col('annotator_pid', 'text', (r) => r.annotator_pid),
			col('rationale', 'text', (r) => r.rationale, true),
			col('terms_version', 'int32', (r) => r.terms_version),
			col('created_at', 'timestamp', (r) => r.created_at)
		]
	}
} satisfies Record<Shape, ShapeColumns>;
