import { describe, expect, it } from 'vitest';
import { diffText, termsChanges, withChanges, type TermsVersion } from './terms';

const v1: TermsVersion = {
	version: 1,
	summary: 'Your votes train open models.',
	full_text: '# Terms\n\nYou may withdraw.\nWe keep votes for five years.\n',
	allow_train_ai: true,
	allow_evaluate: false,
	allow_publish: false,
	allow_commercial: false,
	open_weights_only: true,
	license: 'CC-BY-4.0',
	attribution: 'pseudonymous',
	withdrawal_policy: 'Withdraw any time.',
	retention: '',
	contact: 'steward@example.org',
	material: true,
	published_at: '2026-11-22T03:00:00+00:00'
};
const version = (n: number, changes: Partial<TermsVersion> = {}): TermsVersion => ({ ...v1, version: n, ...changes });

const changedLines = (diff: ReturnType<typeof diffText>) =>
	diff?.hunks.flatMap((h) => h.lines).filter((l) => l.kind !== 'same');

describe('termsChanges', () => {
	it('lists each changed field by its label, before and after, and leaves the rest out', () => {
		const v2 = version(2, { allow_evaluate: true, open_weights_only: false, license: 'CC0-1.0', retention: 'Five years.', attribution: 'named_on_request' });
		expect(termsChanges(v1, v2).fields).toEqual([
			{ field: 'Evaluating models (benchmarks, evals)', before: 'no', after: 'yes' },
			{ field: 'Only for models whose weights are released', before: 'yes', after: 'no' },
			{ field: 'License', before: 'CC-BY-4.0', after: 'CC0-1.0' },
			{ field: 'Attribution', before: 'Pseudonymous only', after: 'Pseudonymous, or named on request' },
			{ field: 'Retention', before: '(none)', after: 'Five years.' }
		]);
	});

	it('finds nothing to report between identical terms, whatever their line endings', () => {
		const same = termsChanges(v1, version(2, { full_text: v1.full_text.replaceAll('\n', '\r\n').trimEnd(), material: false }));
		expect(same).toEqual({ from: 1, fields: [], summary: null, fullText: null });
	});

	it('marks added and removed lines of the full text and the summary', () => {
		const v2 = version(2, {
			summary: 'Your votes train and evaluate open models.',
			full_text: '# Terms\n\nYou may withdraw.\nWe keep votes for ten years.\nContact the stewards.\n'
		});
		const changes = termsChanges(v1, v2);
		expect(changedLines(changes.summary)).toEqual([
			{ kind: 'removed', text: 'Your votes train open models.' },
			{ kind: 'added', text: 'Your votes train and evaluate open models.' }
		]);
		expect(changes.fullText?.hunks.flatMap((h) => h.lines)).toEqual([
			{ kind: 'same', text: '# Terms' },
			{ kind: 'same', text: '' },
			{ kind: 'same', text: 'You may withdraw.' },
			{ kind: 'removed', text: 'We keep votes for five years.' },
			{ kind: 'added', text: 'We keep votes for ten years.' },
			{ kind: 'added', text: 'Contact the stewards.' }
		]);
	});

	it('folds unchanged lines far from any change, counting them', () => {
		const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
		const edited = lines.map((l) => (l === 'line 10' ? 'line ten' : l));
		const diff = diffText(lines.join('\n'), edited.join('\n'));
		expect(diff?.hunks).toHaveLength(1);
		expect(diff?.hunks[0]!.skipped).toBe(6);
		expect(diff?.hunks[0]!.lines.map((l) => l.text)).toEqual([
			'line 7', 'line 8', 'line 9', 'line 10', 'line ten', 'line 11', 'line 12', 'line 13'
		]);
		expect(diff?.skippedAtEnd).toBe(7);
	});
});

describe('withChanges', () => {
	it('orders versions newest first and compares each with the one before; the first has no diff', () => {
		const history = withChanges([v1, version(3, { allow_publish: true, license: 'CC0-1.0' }), version(2, { allow_publish: true })]);
		expect(history.map((t) => [t.version, t.changes?.from ?? null])).toEqual([[3, 2], [2, 1], [1, null]]);
		expect(history[0]!.changes?.fields.map((f) => f.field)).toEqual(['License']);
		expect(history[1]!.changes?.fields.map((f) => f.field)).toEqual(['Publishing the dataset']);
		expect(history[2]!.changes).toBeNull();
	});
});
