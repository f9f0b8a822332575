import { stringify } from 'yaml';
import {
	allowedPurposes,
	exclusionReason,
	purposeWords,
	totalRows,
	type CardInput,
	type CardTermsVersion
} from './card-input';
import { hubLicense, spdxUrl } from './licenses';
import { blockText, inlineText } from './markdown-text';

/** The Hub's size buckets (`size_categories`), upper bounds exclusive. */
const SIZE_BUCKETS: [number, string][] = [
	[1e3, 'n<1K'],
	[1e4, '1K<n<10K'],
	[1e5, '10K<n<100K'],
	[1e6, '100K<n<1M'],
	[1e7, '1M<n<10M'],
	[1e8, '10M<n<100M'],
	[1e9, '100M<n<1B'],
	[1e10, '1B<n<10B'],
	[1e11, '10B<n<100B'],
	[1e12, '100B<n<1T']
];

export function sizeCategory(rows: number): string {
	return SIZE_BUCKETS.find(([limit]) => rows < limit)?.[1] ?? 'n>1T';
}

/** The licenses of the terms versions whose votes are in this export. */
function includedTerms(input: CardInput): CardTermsVersion[] {
	return input.termsVersions.filter((t) => exclusionReason(t, input) === null);
}

/** The Hugging Face metadata: parsed by the Hub, so built as data and serialised by a YAML library. */
export function cardMetadata(input: CardInput): Record<string, unknown> {
	const spdx = [...new Set(includedTerms(input).map((t) => t.license))];
	const hub = spdx.map(hubLicense);
	const unknown = spdx.filter((_, i) => hub[i] === null);
	const licenses = [...new Set(hub.map((h) => h ?? 'other'))];
	const meta: Record<string, unknown> = {
		pretty_name: input.dataset.title.replace(/\s+/g, ' ').trim(),
		license: licenses.length === 1 ? licenses[0] : licenses
	};
	if (unknown.length) {
		meta.license_name = unknown.map((id) => id.toLowerCase()).join(', ');
		meta.license_link = spdxUrl(unknown[0]!);
	}
	if (input.languages.length) meta.language = input.languages;
	meta.annotations_creators = ['crowdsourced'];
	meta.task_categories = ['text-generation', 'reinforcement-learning'];
	meta.tags = ['human-feedback', 'preference', 'rlhf', ...(input.shape === 'votes' ? [] : ['dpo'])];
	meta.size_categories = [sizeCategory(totalRows(input.files))];
	const paths = input.files.map((f) => f.path);
	meta.configs = [{ config_name: 'default', data_files: [{ split: 'train', path: paths.length === 1 ? paths[0] : paths }] }];
	return meta;
}

/** `README.md` for the export folder: Hub metadata, then what a reader must know before using it. */
export function renderCard(input: CardInput): string {
	// lineWidth 0: no folding, so each value stays on the line its key is on.
	const front = stringify(cardMetadata(input), { lineWidth: 0 });
	return `---\n${front}---\n\n${body(input).join('\n')}\n`;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function body(input: CardInput): string[] {
	const rows = totalRows(input.files);
	const out: string[] = [`# ${inlineText(input.dataset.title)}`, ''];
	if (input.dataset.description.trim()) out.push(blockText(input.dataset.description), '');
	out.push(
		`Exported from Preference Commons (${inlineText(input.dataset.url)}) on ${input.createdAt.toISOString()}` +
			(input.exportId !== null ? `, export ${inlineText(String(input.exportId))}` : '') +
			'. Every row comes from votes whose authors consented to the terms below; annotators appear only as pseudonyms that differ from dataset to dataset.',
		'',
		'## This export',
		'',
		`- Shape: \`${input.shape}\`, ${input.format === 'parquet' ? 'Parquet' : 'JSON Lines'}, ${rows.toLocaleString('en')} rows`,
		`- Declared purpose: ${purposeWords(input.purpose)} (\`${input.purpose}\`)`,
		`- Conditions: commercial use: ${yesNo(input.conditions.commercial)}; model weights released: ${yesNo(input.conditions.openWeights)}`,
		`- Filters: at least ${input.filters.minVotes} vote(s) per pair` +
			(input.filters.minAgreement !== null ? `, agreement of at least ${input.filters.minAgreement}` : ''),
		'',
		'| File | Rows | SHA-256 |',
		'| --- | ---: | --- |',
		...input.files.map((f) => `| ${inlineText(f.path)} | ${f.rows.toLocaleString('en')} | \`${f.sha256}\` |`),
		'',
		...terms(input),
		...aggregation(input),
		...agreement(input),
		...contributors(input),
		...withdrawal(input),
		'## Loading',
		'',
		'```python',
		'from datasets import load_dataset',
		'ds = load_dataset("path/to/this/folder", split="train")',
		'```'
	);
	return out;
}

function terms(input: CardInput): string[] {
	const out = ['## Consent terms', ''];
	for (const t of input.termsVersions) {
		const reason = exclusionReason(t, input);
		const purposes = allowedPurposes(t).map((p) => `${purposeWords(p)} (\`${p}\`)`);
		out.push(
			`### Terms version ${t.version}${reason ? ' (not in this export)' : ''}`,
			'',
			blockText(t.summary),
			'',
			`- Purposes allowed: ${purposes.length ? purposes.join(', ') : 'none'}`,
			`- Commercial use allowed: ${yesNo(t.allow_commercial)}`,
			`- Only for models whose weights are released: ${yesNo(t.open_weights_only)}`,
			`- License: ${inlineText(t.license)}`,
			`- Attribution: ${t.attribution === 'named_on_request' ? 'contributors are named when they ask to be' : 'pseudonymous'}`,
			''
		);
	}
	const missing = input.termsVersions.map((t) => [t, exclusionReason(t, input)] as const).filter(([, r]) => r !== null);
	if (missing.length) {
		out.push(
			'### Why some votes are missing',
			'',
			...missing.map(
				([t, reason]) =>
					`Votes cast under terms version ${t.version} are not in this export, which was declared for ${purposeWords(input.purpose)}: ${reason}.`
			),
			''
		);
	}
	return out;
}

function aggregation(input: CardInput): string[] {
	return ['## How votes became rows', '', blockText(input.aggregationRule), ''];
}

function agreement(input: CardInput): string[] {
	const { agreement: a, positionBias: b } = input;
	const out = ['## Agreement and position bias', ''];
	out.push(
		a.alpha === null
			? `Krippendorff's alpha (${a.metric}) is undefined here: no pair has two votes, or every vote gave the same answer.`
			: `Krippendorff's alpha (${a.metric}, on the five-point scale from "A much better" to "B much better", ties and "both bad" at the middle): **${a.alpha.toFixed(3)}**, over ${a.units.toLocaleString('en')} pairs with at least two votes (${a.values.toLocaleString('en')} votes). By Krippendorff's guideline, 0.800 or more is reliable, 0.667 to 0.800 allows only tentative conclusions.`,
		'',
		`Votes per pair: ${input.votesPerPair.toFixed(2)} on average.`,
		''
	);
	out.push(
		b.share === null
			? 'Position bias: no vote chose a winner, so there is nothing to measure.'
			: `Position bias: the response shown on the left won ${percent(b.share)} of ${b.decisive.toLocaleString('en')} decisive votes (95% Wilson interval ${percent(b.low!)} to ${percent(b.high!)}; 50% means no bias). Which response is shown on the left is chosen at random for each vote, and each vote records it in \`shown_left\`.`,
		''
	);
	return out;
}

function contributors(input: CardInput): string[] {
	const out = ['## Contributors', ''];
	if (input.namedContributors.length === 0) {
		out.push('No contributor asked to be named; every annotator is credited by a pseudonym only.', '');
	} else {
		out.push(
			'These contributors asked to be named; everyone else is credited by a pseudonym only.',
			'',
			...[...input.namedContributors].sort((x, y) => x.localeCompare(y)).map((n) => `- ${inlineText(n)}`),
			''
		);
	}
	return out;
}

function withdrawal(input: CardInput): string[] {
	const policies = [...new Set(includedTerms(input).map((t) => t.withdrawal_policy.trim()).filter(Boolean))];
	return [
		'## Withdrawal',
		'',
		'Contributors can withdraw their consent at any time. A withdrawal removes their votes from every export made after it; this export holds no votes that had been withdrawn when it was made. Exports made earlier, and models already trained on them, are not changed. Use the newest export, and make a new one before training again.',
		'',
		...policies.flatMap((p) => [blockText(p), '']),
		'## License',
		'',
		`${includedTerms(input)
			.map((t) => `Terms version ${t.version}: ${inlineText(t.license)} (${spdxUrl(t.license)})`)
			.join('; ') || 'No terms version allows this export.'}`,
		''
	];
}
