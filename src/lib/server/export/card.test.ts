import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alphaAccumulator, positionBias } from './agreement';
import { cardMetadata, renderCard, sizeCategory } from './card';
import type { CardInput, CardTermsVersion } from './card-input';
import { SHAPE_COLUMNS } from './columns';
import { renderCroissant } from './croissant';
import { hubLicense } from './licenses';

const terms = (over: Partial<CardTermsVersion> = {}): CardTermsVersion => ({
	version: 1,
	summary: 'Votes may train and evaluate models.',
	allow_train_ai: true,
	allow_evaluate: true,
	allow_publish: true,
	allow_commercial: true,
	open_weights_only: false,
	license: 'CC-BY-4.0',
	attribution: 'named_on_request',
	withdrawal_policy: 'Write to the stewards to withdraw.',
	...over
});

function input(over: Partial<CardInput> = {}): CardInput {
	const alpha = alphaAccumulator('ordinal');
	alpha.addUnit([2, 2, 1]);
	alpha.addUnit([-1, -2]);
	return {
		dataset: { slug: 'helpful', title: 'Helpful answers', description: 'Everyday questions.', url: 'https://commons.example.org/datasets/helpful' },
		exportId: 42,
		createdAt: new Date('2026-11-22T12:00:00Z'),
		purpose: 'train-ai',
		conditions: { commercial: true, openWeights: false },
		filters: { minVotes: 2, minAgreement: 0.6 },
		shape: 'preferences',
		format: 'parquet',
		files: [{ path: 'data/train-00000-of-00001.parquet', sha256: 'ab'.repeat(32), bytes: 1234, rows: 12_345 }],
		languages: ['en'],
		termsVersions: [terms(), terms({ version: 2, allow_commercial: false, license: 'CC0-1.0', summary: 'Non-commercial only.' })],
		aggregationRule: 'Each vote scores its winner 2 (much better) or 1 (better); ties and "both bad" are left out.',
		agreement: { metric: 'ordinal', ...alpha.result() },
		positionBias: positionBias(2, 1),
		votesPerPair: 2.5,
		namedContributors: ['Zoë Example', 'Ada'],
		...over
	};
}

/** The front matter as the Hub finds it: from the first line to the next line that is exactly `---`. */
function frontMatter(card: string): unknown {
	const match = /^---\n([\s\S]*?)\n---\n/.exec(card);
	expect(match, 'the card starts with a front matter block').not.toBeNull();
	return parse(match![1]!);
}

describe('dataset card', () => {
	it('carries the Hub metadata a loader and the Hub read', () => {
		const meta = frontMatter(renderCard(input())) as Record<string, unknown>;
		expect(meta).toEqual({
			pretty_name: 'Helpful answers',
			license: 'cc-by-4.0',
			language: ['en'],
			annotations_creators: ['crowdsourced'],
			task_categories: ['text-generation', 'reinforcement-learning'],
			tags: ['human-feedback', 'preference', 'rlhf', 'dpo'],
			size_categories: ['10K<n<100K'],
			configs: [{ config_name: 'default', data_files: [{ split: 'train', path: 'data/train-00000-of-00001.parquet' }] }]
		});
	});

	it('lists every data file, and every license of the terms whose votes are in', () => {
		const files = [0, 1].map((i) => ({ path: `data/train-0000${i}-of-00002.jsonl`, sha256: 'cd'.repeat(32), bytes: 10, rows: 500 }));
		const meta = cardMetadata(input({ files, conditions: { commercial: false, openWeights: false }, format: 'jsonl' }));
		expect(meta.license).toEqual(['cc-by-4.0', 'cc0-1.0']);
		expect(meta.size_categories).toEqual(['1K<n<10K']);
		expect(meta.configs).toEqual([{ config_name: 'default', data_files: [{ split: 'train', path: files.map((f) => f.path) }] }]);
	});

	it('says `other` and names a license the Hub does not know', () => {
		const meta = cardMetadata(input({ termsVersions: [terms({ license: 'LicenseRef-Commons-1' })] }));
		expect(meta).toMatchObject({ license: 'other', license_name: 'licenseref-commons-1', license_link: 'https://spdx.org/licenses/LicenseRef-Commons-1.html' });
	});

	it('maps SPDX ids to the Hub ids', () => {
		expect(['CC-BY-4.0', 'CC0-1.0', 'ODC-By-1.0', 'ODbL-1.0', 'cc-by-sa-4.0'].map(hubLicense)).toEqual(['cc-by-4.0', 'cc0-1.0', 'odc-by', 'odbl', 'cc-by-sa-4.0']);
		expect(hubLicense('WTFPL-ish')).toBeNull();
	});

	it('buckets row counts as the Hub does', () => {
		expect([0, 999, 1000, 9_999, 10_000, 999_999, 1_000_000, 5e12].map(sizeCategory)).toEqual([
			'n<1K', 'n<1K', '1K<n<10K', '1K<n<10K', '10K<n<100K', '100K<n<1M', '1M<n<10M', 'n>1T'
		]);
	});

	it('says what was declared, why rows are missing, agreement, bias, names and withdrawal', () => {
		const card = renderCard(input());
		expect(card).toContain('Declared purpose: training AI models (`train-ai`)');
		expect(card).toContain('### Terms version 2 (not in this export)');
		expect(card).toMatch(/Votes cast under terms version 2 are not in this export, which was declared for training AI models: they do not allow commercial use\./);
		expect(card).toMatch(/Krippendorff's alpha \(ordinal.*\*\*-?\d\.\d{3}\*\*/);
		expect(card).toContain('the response shown on the left won 50.0% of 2 decisive votes');
		expect(card).toContain('ties and "both bad" are left out');
		expect(card.indexOf('- Ada')).toBeLessThan(card.indexOf('- Zoë Example'));
		expect(card).toContain('A withdrawal removes their votes from every export made after it');
		expect(card).toContain('models already trained on them, are not changed');
		expect(card).toContain('Write to the stewards to withdraw.');
	});

	it('has no "missing rows" section when every terms version allows the export', () => {
		expect(renderCard(input({ conditions: { commercial: false, openWeights: true } }))).not.toContain('Why some votes are missing');
	});

	it('keeps people\'s text as text: no raw HTML, no broken heading', () => {
		const card = renderCard(
			input({
				dataset: { ...input().dataset, title: 'Bad <script>alert(1)</script>\n# heading', description: '<img src=x onerror=alert(1)>' },
				namedContributors: ['<b>Mallory</b>']
			})
		);
		const body = card.slice(card.indexOf('\n---\n', 4) + 5);
		expect(body).not.toMatch(/(?<!\\)<(script|img|b)/);
		expect(card).toContain('# Bad \\<script\\>alert(1)\\</script\\> \\# heading\n');
	});

	it('keeps the front matter whole whatever the title holds', () => {
		const nasty = fc.oneof(
			fc.constantFrom('---', '---\nlicense: mit\n---', '"quoted" \'single\'', 'key: value', '- item', '# comment', '{a: 1}', '|', '>', '&anchor *alias', '\t\r\n', '...'),
			fc.string({ minLength: 1, maxLength: 80 })
		);
		fc.assert(
			fc.property(fc.array(nasty, { minLength: 1, maxLength: 5 }), (parts) => {
				const title = parts.join('\n');
				fc.pre(title.trim().length > 0);
				const meta = frontMatter(renderCard(input({ dataset: { ...input().dataset, title } }))) as Record<string, unknown>;
				expect(meta.pretty_name).toBe(title.replace(/\s+/g, ' ').trim());
				expect(meta.license).toBe('cc-by-4.0');
				expect(meta.annotations_creators).toEqual(['crowdsourced']);
			})
		);
	});
});

describe('croissant.json', () => {
	it('has the keys Croissant 1.1 requires, files with sha256, and a field per column', () => {
		const doc = JSON.parse(JSON.stringify(renderCroissant(input()))) as Record<string, any>;
		for (const key of ['@context', '@type', 'conformsTo', 'name', 'description', 'license', 'url', 'creator', 'datePublished', 'distribution', 'recordSet']) {
			expect(doc, key).toHaveProperty([key]);
		}
		expect(doc['@type']).toBe('sc:Dataset');
		expect(doc.conformsTo).toContain('http://mlcommons.org/croissant/1.1');
		expect(doc['@context']).toMatchObject({ '@vocab': 'http://schema.org/', cr: 'http://mlcommons.org/croissant/', rai: 'http://mlcommons.org/croissant/RAI/' });
		expect(doc.license).toBe('https://spdx.org/licenses/CC-BY-4.0.html');
		expect(doc.distribution).toEqual([
			expect.objectContaining({ '@type': 'cr:FileObject', '@id': 'data/train-00000-of-00001.parquet', encodingFormat: 'application/x-parquet', sha256: 'ab'.repeat(32) })
		]);
		const fields = doc.recordSet[0].field as Array<{ name: string; subField?: unknown[] }>;
		expect(fields.map((f) => f.name)).toEqual([
			'prompt', 'chosen', 'rejected', 'chosen_model', 'rejected_model', 'score_chosen', 'score_rejected', 'margin', 'n_votes', 'agreement', 'pair_id', 'terms_version'
		]);
		expect(fields[0]!.subField).toHaveLength(2);
	});

	it('puts the consent terms in usageInfo and fills the RAI fields that apply', () => {
		const doc = renderCroissant(input()) as Record<string, any>;
		expect(doc.usageInfo).toEqual([expect.objectContaining({ '@type': 'CreativeWork', name: 'Consent terms version 1', version: 1 })]);
		expect(doc.usageInfo[0].text).toContain('Purposes allowed: train-ai, evaluate, publish.');
		for (const key of ['rai:dataCollection', 'rai:dataCollectionType', 'rai:annotationsPerItem', 'rai:annotatorDemographics', 'rai:dataUseCases', 'rai:personalSensitiveInformation', 'rai:dataAnnotationAnalysis']) {
			expect(doc[key], key).toBeTruthy();
		}
		expect(doc['rai:annotatorDemographics']).toBe('Not collected.');
		expect(doc['rai:dataLimitations']).toEqual(['Votes cast under terms version 2 are left out: they do not allow commercial use.']);
	});

	it('describes exactly the columns the writers write, with their types, for every shape', () => {
		const TYPES = { messages: 'sc:Text', text: 'sc:Text', int32: 'sc:Integer', int64: 'sc:Integer', float64: 'sc:Float', timestamp: 'sc:DateTime' };
		for (const shape of ['preferences', 'preferences-standard', 'votes'] as const) {
			const fields = (renderCroissant(input({ shape })) as Record<string, any>).recordSet[0].field as { name: string; dataType?: string }[];
			const written = SHAPE_COLUMNS[shape].columns as { name: string; kind: keyof typeof TYPES }[];
			expect(fields.map((f) => f.name), shape).toEqual(written.map((c) => c.name));
			expect(fields.filter((f) => f.dataType).map((f) => f.dataType), shape).toEqual(
				written.filter((c) => c.kind !== 'messages').map((c) => TYPES[c.kind])
			);
		}
	});

	it('describes plain-string preferences without message lists', () => {
		const doc = renderCroissant(input({ shape: 'preferences-standard' })) as Record<string, any>;
		const prompt = doc.recordSet[0].field[0];
		expect(prompt).toMatchObject({ name: 'prompt', dataType: 'sc:Text' });
		expect(prompt.subField).toBeUndefined();
		expect(frontMatter(renderCard(input({ shape: 'preferences-standard' })))).toMatchObject({ tags: expect.arrayContaining(['dpo']) });
	});

	it('describes the votes shape and JSON Lines files, several at once', () => {
		const files = [0, 1].map((i) => ({ path: `data/votes-${i}.jsonl`, sha256: 'ef'.repeat(32), bytes: 10, rows: 5 }));
		const doc = renderCroissant(input({ shape: 'votes', format: 'jsonl', files })) as Record<string, any>;
		expect(doc.distribution.filter((d: { '@type': string }) => d['@type'] === 'cr:FileObject').map((d: { encodingFormat: string }) => d.encodingFormat)).toEqual([
			'application/jsonlines',
			'application/jsonlines'
		]);
		const fields = doc.recordSet[0].field as Array<{ name: string; source: { fileSet?: unknown } }>;
		expect(fields.map((f) => f.name)).toContain('annotator_pid');
		expect(fields.every((f) => f.source.fileSet)).toBe(true);
	});
});
