import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaAccumulator, positionBias, type AlphaMetric } from './agreement';

const alphaOf = (metric: AlphaMetric, units: readonly (readonly number[])[], domain?: readonly number[]) => {
	const acc = alphaAccumulator(metric, domain);
	for (const unit of units) acc.addUnit(unit);
	return acc.result();
};

/** Observers as rows, units as columns, null where an observer gave no value; returns the units. */
const byUnit = (rows: (number | null)[][]) =>
	rows[0]!.map((_, u) => rows.map((row) => row[u]).filter((v): v is number => v !== null));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
// twelve units, values 1–5, some missing. The same data is R irr's `nmm`, whose tests assert the
// figures below to three places.
const KRIPPENDORFF_2011 = byUnit([
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
]);

// Wikipedia's computational example (three coders, fifteen units), as asserted by the Python
// `krippendorff` package's tests to six places.
const WIKIPEDIA = byUnit([
	[null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
	[1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
	[null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4]
]);

/** The textbook definition, pair by pair, holding every value: the accumulator must agree with it. */
function naiveAlpha(metric: 'nominal' | 'interval', units: number[][]): number | null {
	const d = (x: number, y: number) => (metric === 'nominal' ? (x === y ? 0 : 1) : (x - y) ** 2);
	const pairable = units.filter((u) => u.length >= 2);
	const all = pairable.flat();
	const n = all.length;
	let observed = 0;
	for (const u of pairable) {
		let s = 0;
		for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) s += d(u[i]!, u[j]!);
		observed += s / (u.length - 1);
	}
	let expected = 0;
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += d(all[i]!, all[j]!);
	if (n < 2 || expected === 0) return null;
	return 1 - ((n - 1) * observed) / expected;
}

describe("Krippendorff's alpha", () => {
	it("reproduces Krippendorff's 2011 worked example", () => {
		const domain = [1, 2, 3, 4, 5];
		const nominal = alphaOf('nominal', KRIPPENDORFF_2011, domain);
		expect(nominal.alpha!.toFixed(3)).toBe('0.743');
		expect(nominal).toMatchObject({ units: 11, values: 40 });
		expect(alphaOf('ordinal', KRIPPENDORFF_2011, domain).alpha!.toFixed(3)).toBe('0.815');
		expect(alphaOf('interval', KRIPPENDORFF_2011, domain).alpha!.toFixed(3)).toBe('0.849');
	});

	it("reproduces Wikipedia's computational example", () => {
		const domain = [1, 2, 3, 4];
		expect(alphaOf('nominal', WIKIPEDIA, domain).alpha!.toFixed(6)).toBe('0.691358');
		expect(alphaOf('interval', WIKIPEDIA, domain).alpha!.toFixed(6)).toBe('0.810845');
	});

	it('is undefined without a pairable unit or without variation, and refuses values off the scale', () => {
		expect(alphaOf('nominal', [[1], [2], []]).alpha).toBeNull();
		expect(alphaOf('interval', [[1, 1], [1, 1, 1]]).alpha).toBeNull();
		expect(() => alphaOf('nominal', [[1, 3]])).toThrow(/value 3 is not one of -2, -1, 0, 1, 2/);
		expect(() => alphaAccumulator('nominal', [1])).toThrow(/two distinct values/);
	});

	const scaleValue = fc.constantFrom(-2, -1, 0, 1, 2);
	const units = fc.array(fc.array(scaleValue, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 30 });
	const metric = fc.constantFrom<AlphaMetric>('nominal', 'ordinal', 'interval');

	it('is 1 whenever every unit agrees within itself', () => {
		const agreeing = fc
			.array(fc.tuple(scaleValue, fc.integer({ min: 2, max: 6 })), { minLength: 2, maxLength: 30 })
			.map((us) => us.map(([value, m]) => Array<number>(m).fill(value)))
			.filter((us) => new Set(us.map((u) => u[0])).size >= 2);
		fc.assert(
			fc.property(metric, agreeing, (m, us) => {
				expect(alphaOf(m, us).alpha).toBeCloseTo(1, 12);
			})
		);
	});

	it('does not depend on the order of units, nor of the votes within a unit', () => {
		fc.assert(
			fc.property(metric, units, fc.integer(), (m, us, seed) => {
				const shuffled = shuffle(us.map((u) => shuffle(u, seed)), seed + 1);
				const a = alphaOf(m, us).alpha;
				const b = alphaOf(m, shuffled).alpha;
				if (a === null) expect(b).toBeNull();
				else expect(b).toBeCloseTo(a, 9);
			})
		);
	});

	it('counts a unit added `times` times as that many units', () => {
		fc.assert(
			fc.property(metric, fc.array(fc.tuple(fc.array(scaleValue, { maxLength: 6 }), fc.integer({ min: 0, max: 5 })), { maxLength: 20 }), (m, grouped) => {
				const once = alphaAccumulator(m);
				for (const [unit, times] of grouped) once.addUnit(unit, times);
				const expanded = grouped.flatMap(([unit, times]) => Array.from({ length: times }, () => unit));
				const a = once.result();
				const b = alphaOf(m, expanded);
				expect({ ...a, alpha: null, observedDisagreement: 0, expectedDisagreement: 0 }).toEqual({ ...b, alpha: null, observedDisagreement: 0, expectedDisagreement: 0 });
				if (b.alpha === null) expect(a.alpha).toBeNull();
				else expect(a.alpha).toBeCloseTo(b.alpha, 9);
			})
		);
	});

	it('agrees with the pair-by-pair definition, and never exceeds 1', () => {
		fc.assert(
			fc.property(fc.constantFrom('nominal' as const, 'interval' as const), units, (m, us) => {
				const a = alphaOf(m, us).alpha;
				const b = naiveAlpha(m, us);
				if (b === null) expect(a).toBeNull();
				else expect(a).toBeCloseTo(b, 9);
				if (a !== null) expect(a).toBeLessThanOrEqual(1 + 1e-12);
			})
		);
	});
});

describe('position bias', () => {
	it('is the share of decisive votes won on the left', () => {
		const r = positionBias(3, 2);
		expect(r).toMatchObject({ decisive: 3, leftWins: 2 });
		expect(r.share).toBeCloseTo(2 / 3, 12);
	});

	it('has no share without decisive votes', () => {
		expect(positionBias(0, 0)).toEqual({ decisive: 0, leftWins: 0, share: null, low: null, high: null });
	});

	it("gives Wilson's 95% interval: the bounds are where the share is 1.96 standard errors away", () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
				const wins = Math.round(p * n);
				const r = positionBias(n, wins);
				const share = wins / n;
				expect(r.low!).toBeLessThanOrEqual(share + 1e-12);
				expect(r.high!).toBeGreaterThanOrEqual(share - 1e-12);
				for (const bound of [r.low!, r.high!]) {
					const z2 = 1.959963984540054 ** 2;
					expect((share - bound) ** 2).toBeCloseTo((z2 * bound * (1 - bound)) / n, 9);
				}
			}),
			{ numRuns: 50 }
		);
	});
});

function shuffle<T>(xs: readonly T[], seed: number): T[] {
	const out = [...xs];
	let s = seed >>> 0 || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
