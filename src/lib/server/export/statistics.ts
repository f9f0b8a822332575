import { alphaAccumulator, PREFERENCE_SCALE, positionBias, type AlphaMetric, type AlphaResult, type PositionBias } from './agreement';
import type { SnapshotStatistics } from './request';

export interface ExportStatistics {
	agreement: AlphaResult & { metric: AlphaMetric };
	positionBias: PositionBias;
	votesPerPair: number;
}

/**
 * Agreement and position bias of an export's votes, from the counts the database made when it
 * froze them (one pass over the votes there, none here). Ordinal alpha: the five answers are
 * ordered, not evenly spaced.
 */
export function exportStatistics(counts: SnapshotStatistics): ExportStatistics {
	const metric: AlphaMetric = 'ordinal';
	const alpha = alphaAccumulator(metric);
	let votes = 0;
	let pairs = 0;
	for (const unit of counts.units) {
		const times = unit[5];
		const values = PREFERENCE_SCALE.flatMap((value, i) => Array<number>(unit[i]!).fill(value));
		alpha.addUnit(values, times);
		votes += values.length * times;
		pairs += times;
	}
	return {
		agreement: { ...alpha.result(), metric },
		positionBias: positionBias(counts.decisive, counts.left_wins),
		votesPerPair: pairs ? votes / pairs : 0
	};
}
