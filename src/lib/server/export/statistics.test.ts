import { describe, expect, it } from 'vitest';
import { alphaAccumulator } from './agreement';
import { exportStatistics } from './statistics';

describe('export statistics from the snapshot counts', () => {
	it('expands each group of pairs into its votes on the scale, for alpha, and reads position bias and votes per pair', () => {
		const stats = exportStatistics({
			// Two pairs voted [2, 1, -1]; one voted [0, 0]; one voted [-2, -2]; one had a single vote.
			units: [
				[0, 1, 0, 1, 1, 2],
				[0, 0, 2, 0, 0, 1],
				[2, 0, 0, 0, 0, 1],
				[0, 0, 0, 1, 0, 1]
			],
			decisive: 9,
			left_wins: 4
		});
		const expected = alphaAccumulator('ordinal');
		for (const unit of [[2, 1, -1], [2, 1, -1], [0, 0], [-2, -2], [1]]) expected.addUnit(unit);
		expect(stats.agreement).toEqual({ ...expected.result(), metric: 'ordinal' });
		expect(stats.agreement.units).toBe(4);
		expect(stats.positionBias).toMatchObject({ decisive: 9, leftWins: 4 });
		expect(stats.votesPerPair).toBeCloseTo(11 / 5);
	});

	it('has no figures for an export without votes', () => {
		const stats = exportStatistics({ units: [], decisive: 0, left_wins: 0 });
		expect(stats.agreement.alpha).toBeNull();
		expect(stats.positionBias.share).toBeNull();
		expect(stats.votesPerPair).toBe(0);
	});
});
