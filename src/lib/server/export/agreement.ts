/**
 * Agreement figures for an export: Krippendorff's alpha over each pair's votes, and how often the
 * response shown on the left wins. Memory does not grow with the number of votes: alpha keeps only
 * the coincidence matrix (categories², here 5×5).
 */

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

/**
 * The five-point scale, read from response_a's side: −2 (b much better) … 2 (a much better). The
 * database places each vote on it when it freezes an export (private.snapshot_export). "Both bad"
 * counts as 0, beside a tie: both say neither response is preferred, which is all this scale
 * measures; whether the pair is worth keeping is a separate judgement. Leaving those votes out
 * instead would hide agreement that a pair has no winner.
 */
export const PREFERENCE_SCALE = [-2, -1, 0, 1, 2] as const;

export type AlphaResult = {
	/** Null when it is undefined: no unit with two values, or every value the same. */
	alpha: number | null;
	/** Units with at least two values; only these count. */
	units: number;
	/** Values in those units (Krippendorff's n). */
	values: number;
	observedDisagreement: number;
	expectedDisagreement: number;
};

export interface AlphaAccumulator {
	/**
	 * One unit (a pair) with all the values given to it (its votes); order does not matter.
	 * `times`: that many units with these same values.
	 */
	addUnit(values: readonly number[], times?: number): void;
	result(): AlphaResult;
}

/**
 * Krippendorff's alpha by the coincidence-matrix formulation of "Computing Krippendorff's
 * Alpha-Reliability" (2011): each unit with m ≥ 2 values adds n_uc·(n_uk − [c = k]) / (m − 1)
 * to o_ck; then α = 1 − (n − 1)·Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
export function alphaAccumulator(metric: AlphaMetric, domain: readonly number[] = PREFERENCE_SCALE): AlphaAccumulator {
	const sorted = [...domain].sort((x, y) => x - y);
	if (sorted.length < 2 || new Set(sorted).size !== sorted.length) throw new Error('alpha needs at least two distinct values in its domain');
	const index = new Map(sorted.map((v, i) => [v, i]));
	const v = sorted.length;
	const coincidences = new Float64Array(v * v);
	const counts = new Float64Array(v);
	let units = 0;

	return {
		addUnit(values, times = 1) {
			if (values.length < 2 || times <= 0) return;
			counts.fill(0);
			for (const value of values) {
				const i = index.get(value);
				if (i === undefined) throw new Error(`value ${value} is not one of ${sorted.join(', ')}`);
				counts[i]! += 1;
			}
			const weight = times / (values.length - 1);
			for (let c = 0; c < v; c++) {
				const nc = counts[c]!;
				if (nc === 0) continue;
				for (let k = 0; k < v; k++) {
					const pairs = c === k ? nc * (nc - 1) : nc * counts[k]!;
					if (pairs) coincidences[c * v + k]! += pairs * weight;
				}
			}
			units += times;
		},
		result() {
			const marginals = new Float64Array(v);
			for (let c = 0; c < v; c++) for (let k = 0; k < v; k++) marginals[c]! += coincidences[c * v + k]!;
			const n = marginals.reduce((sum, x) => sum + x, 0);
			const delta = distance(metric, sorted, marginals);
			let observed = 0;
			let expected = 0;
			for (let c = 0; c < v; c++) {
				for (let k = 0; k < v; k++) {
					const d = delta(c, k);
					observed += coincidences[c * v + k]! * d;
					expected += marginals[c]! * marginals[k]! * d;
				}
			}
			// Rounded away: tiny float noise must not turn perfect agreement into 0.9999999.
			const values = Math.round(n);
			const observedDisagreement = n > 0 ? observed / n : 0;
			const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
			const alpha = units === 0 || expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
			return { alpha, units, values, observedDisagreement, expectedDisagreement };
		}
	};
}

/** δ²(c, k) between the c-th and k-th values of the sorted domain. */
function distance(metric: AlphaMetric, domain: readonly number[], marginals: Float64Array) {
	if (metric === 'nominal') return (c: number, k: number) => (c === k ? 0 : 1);
	if (metric === 'interval') return (c: number, k: number) => (domain[c]! - domain[k]!) ** 2;
	// Ordinal: the distance is the mass of values between c and k, halves at both ends.
	const cumulative = new Float64Array(marginals.length + 1);
	for (let g = 0; g < marginals.length; g++) cumulative[g + 1] = cumulative[g]! + marginals[g]!;
	return (c: number, k: number) => {
		if (c === k) return 0;
		const [lo, hi] = c < k ? [c, k] : [k, c];
		const between = cumulative[hi + 1]! - cumulative[lo]! - (marginals[lo]! + marginals[hi]!) / 2;
		return between ** 2;
	};
}

export type PositionBias = {
	/** Votes with a winner (not a tie, not both bad). */
	decisive: number;
	/** Of those, won by the response shown on the left. */
	leftWins: number;
	/** leftWins / decisive, null without decisive votes; 0.5 means no bias. */
	share: number | null;
	/** Wilson score 95% interval for the share. */
	low: number | null;
	high: number | null;
};

const Z95 = 1.959963984540054;

/** The share of decisive votes won by the response shown on the left, with its 95% interval. */
export function positionBias(decisive: number, leftWins: number): PositionBias {
	if (decisive === 0) return { decisive, leftWins, share: null, low: null, high: null };
	const p = leftWins / decisive;
	// Wilson's interval stays inside [0, 1] and behaves at small counts and shares near 0 or 1.
	const z2 = Z95 * Z95;
	const centre = (p + z2 / (2 * decisive)) / (1 + z2 / decisive);
	const half = (Z95 / (1 + z2 / decisive)) * Math.sqrt((p * (1 - p)) / decisive + z2 / (4 * decisive * decisive));
	return { decisive, leftWins, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
