import { describe, expect, it } from 'vitest';
import { arrowBatch, arrowSchema } from './arrow-batch';
import type { Column } from './columns';
import type { Message } from './rows';

type Row = { id: number; prompt: Message[]; note: string | null };
const columns: Column<Row>[] = [
	{ name: 'id', kind: 'int64', nullable: false, value: (r) => r.id },
	{ name: 'prompt', kind: 'messages', nullable: false, value: (r) => r.prompt },
	{ name: 'note', kind: 'text', nullable: true, value: (r) => r.note }
];

describe('Arrow batches built from rows', () => {
	it('reads back every row as given, where consecutive rows share one message list (encoded once) and text is not ASCII', () => {
		const shared: Message[] = [
			{ role: 'system', content: 'Réponds en français — brièvement.' },
			{ role: 'user', content: '日本語で説明して 🙂' }
		];
		const other: Message[] = [{ role: 'user', content: 'plain' }];
		const empty: Message[] = [];
		const rows: Row[] = [
			{ id: 1, prompt: shared, note: 'ß' },
			{ id: 2, prompt: shared, note: null },
			{ id: 3, prompt: shared, note: '' },
			{ id: 4, prompt: other, note: 'x' },
			{ id: 5, prompt: empty, note: null },
			{ id: 6, prompt: empty, note: 'y' },
			{ id: 7, prompt: shared, note: 'z' }
		];
		const batch = arrowBatch(arrowSchema(columns), columns, rows);
		const back = batch.toArray().map((r) => {
			const row = r.toJSON() as { id: bigint; prompt: { toArray(): { toJSON(): Message }[] }; note: string | null };
			return { id: Number(row.id), prompt: row.prompt.toArray().map((m) => ({ ...m.toJSON() })), note: row.note };
		});
		expect(back).toEqual(rows.map((r) => ({ ...r, prompt: r.prompt.map((m) => ({ ...m })) })));
	});
});
