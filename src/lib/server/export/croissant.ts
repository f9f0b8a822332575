import { allowedPurposes, exclusionReason, purposeWords, totalRows, type CardInput } from './card-input';
import { SHAPE_COLUMNS, type ColumnKind } from './columns';
import { spdxUrl } from './licenses';

/** Croissant 1.1's recommended JSON-LD context (spec, Appendix 1). */
const CONTEXT = {
	'@language': 'en',
	'@vocab': 'http://schema.org/',
	sc: 'http://schema.org/',
	cr: 'http://mlcommons.org/croissant/',
	rai: 'http://mlcommons.org/croissant/RAI/',
	dct: 'http://purl.org/dc/terms/',
	annotation: 'cr:annotation',
	arrayShape: 'cr:arrayShape',
	citeAs: 'cr:citeAs',
	column: 'cr:column',
	conformsTo: 'dct:conformsTo',
	containedIn: 'cr:containedIn',
	data: { '@id': 'cr:data', '@type': '@json' },
	dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
	equivalentProperty: 'cr:equivalentProperty',
	examples: { '@id': 'cr:examples', '@type': '@json' },
	excludes: 'cr:excludes',
	extract: 'cr:extract',
	field: 'cr:field',
	fileProperty: 'cr:fileProperty',
	fileObject: 'cr:fileObject',
	fileSet: 'cr:fileSet',
	format: 'cr:format',
	includes: 'cr:includes',
	isArray: 'cr:isArray',
	isLiveDataset: 'cr:isLiveDataset',
	jsonPath: 'cr:jsonPath',
	key: 'cr:key',
	md5: 'cr:md5',
	parentField: 'cr:parentField',
	recordSet: 'cr:recordSet',
	references: 'cr:references',
	regex: 'cr:regex',
	readLines: 'cr:readLines',
	sdVersion: 'cr:sdVersion',
	separator: 'cr:separator',
	source: 'cr:source',
	subField: 'cr:subField',
	transform: 'cr:transform',
	unArchive: 'cr:unArchive',
	value: 'cr:value'
} as const;

/** mlcroissant's names for the two formats. */
const ENCODING = { parquet: 'application/x-parquet', jsonl: 'application/jsonlines' } as const;

type Column = { name: string; type: 'sc:Text' | 'sc:Integer' | 'sc:Float' | 'sc:DateTime'; description: string; messages?: true };

const DATA_TYPES: Record<ColumnKind, Column['type']> = {
	messages: 'sc:Text',
	text: 'sc:Text',
	int32: 'sc:Integer',
	int64: 'sc:Integer',
	float64: 'sc:Float',
	timestamp: 'sc:DateTime'
};

/** What each column means, by the names DESIGN.md "Exports" gives them. */
const DESCRIPTIONS: Record<string, string> = {
	prompt: 'The conversation up to the last user turn.',
	chosen: 'The preferred response (assistant turns only).',
	rejected: 'The other response (assistant turns only).',
	chosen_model: 'The model that wrote the chosen response, if known.',
	rejected_model: 'The model that wrote the rejected response, if known.',
	score_chosen: "The chosen response's score from the votes.",
	score_rejected: "The rejected response's score from the votes.",
	margin: 'score_chosen minus score_rejected.',
	n_votes: 'Votes on the pair in this export.',
	agreement: "Share of the pair's votes that agree with the row.",
	pair_id: 'The pair in Preference Commons.',
	response_a: 'Response A (assistant turns).',
	response_b: 'Response B (assistant turns).',
	model_a: 'The model behind response A, if known.',
	model_b: 'The model behind response B, if known.',
	winner: 'model_a, model_b, tie or tie (bothbad).',
	winner_model_a: '1 when A won, else 0.',
	winner_model_b: '1 when B won, else 0.',
	winner_tie: '1 for a tie or both bad, else 0.',
	strength: '1 (better) or 2 (much better); empty for ties.',
	shown_left: 'Which response (model_a or model_b) the annotator saw on the left.',
	annotator_pid: "The annotator's pseudonym in this dataset.",
	rationale: "The annotator's reason, if they gave one.",
	terms_version: 'The terms version the vote was cast under (for a pair, the newest among its votes).',
	created_at: 'When the vote was cast.'
};

/** The export's columns as the writers write them (columns.ts), described. */
function columns(input: CardInput): Column[] {
	return SHAPE_COLUMNS[input.shape].columns.map((c: { name: string; kind: ColumnKind }) => ({
		name: c.name,
		type: DATA_TYPES[c.kind],
		description: DESCRIPTIONS[c.name] ?? c.name,
		...(c.kind === 'messages' ? { messages: true as const } : {})
	}));
}

/** `croissant.json`: Croissant 1.1 with the RAI vocabulary, describing one export folder. */
export function renderCroissant(input: CardInput): Record<string, unknown> {
	const recordSetId = input.shape;
	const source = (name: string) => ({
		...(input.files.length === 1 ? { fileObject: { '@id': input.files[0]!.path } } : { fileSet: { '@id': 'data-files' } }),
		extract: { column: name }
	});
	const field = (c: Column) => {
		const id = `${recordSetId}/${c.name}`;
		const base = { '@type': 'cr:Field', '@id': id, name: c.name, description: c.description };
		if (!c.messages) return { ...base, dataType: c.type, source: source(c.name) };
		// A list of {role, content} messages: a repeated record of two text fields.
		return {
			...base,
			isArray: true,
			source: source(c.name),
			subField: ['role', 'content'].map((sub) => ({
				'@type': 'cr:Field',
				'@id': `${id}/${sub}`,
				name: sub,
				dataType: 'sc:Text',
				source: { ...source(c.name), transform: { jsonPath: sub } }
			}))
		};
	};
	const included = input.termsVersions.filter((t) => exclusionReason(t, input) === null);
	const excluded = input.termsVersions.filter((t) => exclusionReason(t, input) !== null);
	const licenses = [...new Set(included.map((t) => spdxUrl(t.license)))];

	return {
		'@context': CONTEXT,
		'@type': 'sc:Dataset',
		conformsTo: ['http://mlcommons.org/croissant/1.1', 'http://mlcommons.org/croissant/RAI/1.0'],
		name: input.dataset.slug,
		alternateName: input.dataset.title,
		description: input.dataset.description.trim() || input.dataset.title,
		url: input.dataset.url,
		license: licenses.length === 1 ? licenses[0] : licenses,
		creator: { '@type': 'Organization', name: 'Preference Commons contributors', url: input.dataset.url },
		datePublished: input.createdAt.toISOString(),
		version: input.exportId !== null ? String(input.exportId) : undefined,
		inLanguage: input.languages.length ? input.languages : undefined,
		keywords: ['human feedback', 'preference data', 'RLHF', 'pairwise comparison'],
		usageInfo: included.map((t) => ({
			'@type': 'CreativeWork',
			name: `Consent terms version ${t.version}`,
			version: t.version,
			license: spdxUrl(t.license),
			text: [
				t.summary.trim(),
				`Purposes allowed: ${allowedPurposes(t).join(', ') || 'none'}.`,
				`Commercial use allowed: ${t.allow_commercial ? 'yes' : 'no'}.`,
				`Only for models whose weights are released: ${t.open_weights_only ? 'yes' : 'no'}.`,
				t.withdrawal_policy.trim()
			]
				.filter(Boolean)
				.join('\n\n')
		})),
		distribution: [
			...input.files.map((f) => ({
				'@type': 'cr:FileObject',
				'@id': f.path,
				name: f.path,
				contentUrl: f.path,
				contentSize: `${f.bytes} B`,
				encodingFormat: ENCODING[input.format],
				sha256: f.sha256
			})),
			...(input.files.length > 1
				? [{ '@type': 'cr:FileSet', '@id': 'data-files', name: 'data-files', encodingFormat: ENCODING[input.format], includes: input.files.map((f) => f.path) }]
				: [])
		],
		recordSet: [
			{
				'@type': 'cr:RecordSet',
				'@id': recordSetId,
				name: recordSetId,
				description: `${totalRows(input.files)} rows, ${input.shape === 'votes' ? 'one per vote' : 'one per pair'}.`,
				field: columns(input).map(field)
			}
		],
		'rai:dataCollection':
			'Volunteers compared two responses to the same prompt on Preference Commons and said which was better (much better, better, tie, or both bad), optionally with a reason. Each volunteer first accepted the dataset\'s consent terms; a vote is exported only under the terms it was cast under, and only while its author has not withdrawn.',
		'rai:dataCollectionType': ['Manual Human Curator', 'User-generated content data'],
		'rai:dataAnnotationProtocol': input.aggregationRule,
		'rai:dataAnnotationPlatform': 'Preference Commons',
		'rai:dataAnnotationAnalysis': [
			input.agreement.alpha === null
				? `Krippendorff's alpha (${input.agreement.metric}) is undefined for this export.`
				: `Krippendorff's alpha (${input.agreement.metric}) = ${input.agreement.alpha.toFixed(3)} over ${input.agreement.units} pairs with two or more votes.`,
			input.positionBias.share === null
				? 'Position bias: no decisive votes.'
				: `Position bias: the left response won ${(input.positionBias.share * 100).toFixed(1)}% of ${input.positionBias.decisive} decisive votes (95% interval ${(input.positionBias.low! * 100).toFixed(1)}% to ${(input.positionBias.high! * 100).toFixed(1)}%).`
		],
		'rai:annotationsPerItem': `${input.votesPerPair.toFixed(2)} votes per pair on average; at least ${input.filters.minVotes}.`,
		'rai:annotatorDemographics': 'Not collected.',
		'rai:dataUseCases': [
			`Declared for ${purposeWords(input.purpose)} (${input.purpose}); commercial: ${input.conditions.commercial}; weights released: ${input.conditions.openWeights}.`,
			...included.map((t) => `Terms version ${t.version} allows: ${allowedPurposes(t).join(', ') || 'nothing'}.`)
		],
		'rai:dataLimitations': excluded.map(
			(t) => `Votes cast under terms version ${t.version} are left out: ${exclusionReason(t, input)}.`
		),
		'rai:personalSensitiveInformation':
			'Annotators appear only as per-dataset pseudonyms; no names, emails or demographics are exported. Named credit is given only to contributors who asked for it, in the dataset card. Prompts and responses are as the dataset\'s stewards imported them and are not screened for personal data by the export.',
		'rai:dataReleaseMaintenancePlan':
			'Each export is a snapshot. Withdrawn votes are removed from every later export; exports already made, and models trained on them, are not changed.'
	};
}
