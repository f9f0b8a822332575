import { alphaAccumulator, positionBiasAccumulator, preferenceValue, type AlphaMetric, type AlphaResult, type PositionBias } from './agreement';
import type { VoteRow } from './rows';

export interface ExportStatistics {
	agreement: AlphaResult & { metric: AlphaMetric };
	positionBias: PositionBias;
	votesPerPair: number;
}

/**
 * Agreement and position bias of an export's votes, fed page by page as they stream past. Votes
 * come ordered by pair, and a pair's votes may straddle two pages, so the pair being read is held
 * until the next one starts. Ordinal alpha: the five answers are ordered, not evenly spaced.
 */
export function exportStatistics() {
	const metric: AlphaMetric = 'ordinal';
	const alpha = alphaAccumulator(metric);
	const bias = positionBiasAccumulator();
	let pair: number | null = null;
	let values: number[] = [];
	let votes = 0;
	let pairs = 0;
	const flush = () => {
		if (values.length) alpha.addUnit(values);
		values = [];
	};
	return {
		observe(rows: readonly VoteRow[]): void {
			for (const row of rows) {
				if (row.pair_id !== pair) {
					flush();
					pair = row.pair_id;
					pairs++;
				}
				const vote = { winner: row.winner, strength: row.strength as 1 | 2 | null, shown_left: row.shown_left };
				values.push(preferenceValue(vote));
				bias.addVote(vote);
				votes++;
			}
		},
		result(): ExportStatistics {
			flush();
			return { agreement: { ...alpha.result(), metric }, positionBias: bias.result(), votesPerPair: pairs ? votes / pairs : 0 };
		}
	};
}
