import type { AlphaMetric, AlphaResult, PositionBias } from './agreement';

/** What an export is for, as the export filter (`private.exportable_votes`) takes it. */
export type ExportPurpose = 'train-ai' | 'evaluate' | 'publish';

/** A terms version that votes in (or left out of) this export were cast under, as `terms_history` returns it. */
export type CardTermsVersion = {
	version: number;
	summary: string;
	allow_train_ai: boolean;
	allow_evaluate: boolean;
	allow_publish: boolean;
	allow_commercial: boolean;
	open_weights_only: boolean;
	/** SPDX id, e.g. `CC-BY-4.0`. */
	license: string;
	/** `pseudonymous` or `named_on_request`. */
	attribution: string;
	withdrawal_policy: string;
};

export type CardFile = {
	/** Relative to the export folder, e.g. `data/train-00000-of-00001.parquet`. */
	path: string;
	sha256: string;
	bytes: number;
	rows: number;
};

/** Everything the dataset card and croissant.json say about one export. */
export type CardInput = {
	dataset: { slug: string; title: string; description: string; /** The dataset's page. */ url: string };
	/** The export's manifest id, when it has been recorded. */
	exportId: string | number | null;
	createdAt: Date;
	purpose: ExportPurpose;
	conditions: { commercial: boolean; openWeights: boolean };
	filters: { minVotes: number; minAgreement: number | null };
	/** `preferences` holds lists of {role, content} messages, `preferences-standard` plain strings. */
	shape: 'preferences' | 'preferences-standard' | 'votes';
	format: 'parquet' | 'jsonl';
	files: CardFile[];
	/** ISO 639 codes, when the steward has said. */
	languages: string[];
	/** Every terms version any of the dataset's votes were cast under, included here or not. */
	termsVersions: CardTermsVersion[];
	/** How votes on a pair became one row (preferences), in Markdown. */
	aggregationRule: string;
	agreement: AlphaResult & { metric: AlphaMetric };
	positionBias: PositionBias;
	/** Mean votes per pair in this export. */
	votesPerPair: number;
	/** Names of contributors who asked to be credited by name. */
	namedContributors: string[];
};

const PURPOSE_WORDS: Record<ExportPurpose, string> = {
	'train-ai': 'training AI models',
	evaluate: 'evaluating AI models',
	publish: 'publishing the data'
};

export function purposeWords(purpose: ExportPurpose): string {
	return PURPOSE_WORDS[purpose];
}

export function allowedPurposes(terms: CardTermsVersion): ExportPurpose[] {
	const out: ExportPurpose[] = [];
	if (terms.allow_train_ai) out.push('train-ai');
	if (terms.allow_evaluate) out.push('evaluate');
	if (terms.allow_publish) out.push('publish');
	return out;
}

/**
 * Why votes under these terms are not in this export, or null when they are allowed. The same
 * rule as `private.exportable_votes`, in words.
 */
export function exclusionReason(terms: CardTermsVersion, input: Pick<CardInput, 'purpose' | 'conditions'>): string | null {
	const reasons: string[] = [];
	if (!allowedPurposes(terms).includes(input.purpose)) reasons.push(`they do not allow ${purposeWords(input.purpose)}`);
	if (input.conditions.commercial && !terms.allow_commercial) reasons.push('they do not allow commercial use');
	if (!input.conditions.openWeights && terms.open_weights_only) reasons.push('they allow only models whose weights are released');
	return reasons.length ? reasons.join(', and ') : null;
}

export function totalRows(files: readonly CardFile[]): number {
	return files.reduce((sum, f) => sum + f.rows, 0);
}
