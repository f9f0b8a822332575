import { z } from 'zod';

export const SHAPES = ['preferences', 'preferences-standard', 'votes'] as const;
export const FORMATS = ['parquet', 'jsonl'] as const;
export const PURPOSES = ['train-ai', 'evaluate', 'publish'] as const;

export type Shape = (typeof SHAPES)[number];
export type Format = (typeof FORMATS)[number];

/** What a researcher asks for; `public.request_export` validates it again, as the user. */
export const exportRequest = z.object({
	dataset: z.string().min(1),
	purpose: z.enum(PURPOSES),
	commercial: z.boolean(),
	openWeights: z.boolean(),
	shape: z.enum(SHAPES),
	format: z.enum(FORMATS),
	filters: z
		.object({
			min_votes: z.number().int().min(1).max(1000).optional(),
			min_agreement: z.number().min(0).max(1).optional()
		})
		.strict()
		.default({})
});

export type ExportRequest = z.input<typeof exportRequest>;

/** The terms version rows `private.snapshot_export` describes. */
export interface TermsVersionInfo {
	version: number;
	license: string;
	summary: string;
	allow_train_ai: boolean;
	allow_evaluate: boolean;
	allow_publish: boolean;
	allow_commercial: boolean;
	open_weights_only: boolean;
	attribution: string;
	withdrawal_policy: string;
	published_at: string;
}

/**
 * The export's votes as agreement.ts reads them, counted by the database when it froze them:
 * pairs grouped by how their votes fall on the five-point scale, and the position counts.
 */
export interface SnapshotStatistics {
	/** [b much better, b better, tie or both bad, a better, a much better, pairs with these votes]. */
	units: [number, number, number, number, number, number][];
	/** Votes with a winner (not a tie, not both bad). */
	decisive: number;
	/** Of those, won by the response shown on the left. */
	left_wins: number;
}

/** The export as the database froze it. */
export interface ExportSnapshot {
	export_id: number;
	dataset: { id: number; slug: string; title: string; status: string };
	requested_by: string;
	requested_at: string;
	purpose: string;
	conditions: { commercial: boolean; open_weights: boolean };
	filters: { min_votes: number; min_agreement?: number };
	shape: Shape;
	format: Format;
	accepted_terms_version: number;
	/** Votes frozen for the export (after min_votes), before aggregation. */
	votes: number;
	statistics: SnapshotStatistics;
	terms_versions: TermsVersionInfo[];
}
