import { describe, expect, it } from 'vitest';
import { alphaAccumulator } from './agreement';
import type { VoteRow } from './rows';
import { exportStatistics } from './statistics';

const vote = (pair_id: number, winner: VoteRow['winner'], strength: number | null, shown_left: 'a' | 'b' = 'a') =>
	({ pair_id, winner, strength, shown_left }) as VoteRow;

describe('export statistics over pages', () => {
	const votes = [
		vote(1, 'a', 2),
		vote(1, 'a', 1, 'b'),
		vote(1, 'b', 1),
		vote(2, 'tie', null),
		vote(2, 'both_bad', null),
		vote(3, 'b', 2, 'b'),
		vote(3, 'b', 2)
	];

	it('gives the same figures however the votes are split into pages, pairs straddling pages too', () => {
		const whole = exportStatistics();
		whole.observe(votes);
		const paged = exportStatistics();
		for (const page of [votes.slice(0, 2), votes.slice(2, 4), votes.slice(4)]) paged.observe(page);
		expect(paged.result()).toEqual(whole.result());
	});

	it('groups votes by pair for alpha, counts position bias per decisive vote, and votes per pair', () => {
		const stats = exportStatistics();
		stats.observe(votes);
		const expected = alphaAccumulator('ordinal');
		[[2, 1, -1], [0, 0], [-2, -2]].forEach((unit) => expected.addUnit(unit));
		const result = stats.result();
		expect(result.agreement).toEqual({ ...expected.result(), metric: 'ordinal' });
		expect(result.positionBias).toMatchObject({ decisive: 5, leftWins: 2 });
		expect(result.votesPerPair).toBeCloseTo(7 / 3);
	});
});
