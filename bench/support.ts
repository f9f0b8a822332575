/** Latencies in milliseconds, as measured one call at a time with performance.now(). */
export interface Stats {
	n: number;
	p50: number;
	p95: number;
	p99: number;
	mean: number;
	max: number;
}

/** Nearest-rank percentile on sorted data: a reported p95 is a latency that really occurred. */
function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function stats(samples: number[]): Stats {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
		max: sorted[sorted.length - 1]!
	};
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = performance.now();
	const result = await fn();
	log(`  ${label.padEnd(48)} ${seconds(performance.now() - t).padStart(7)}   rss ${MB(process.memoryUsage.rss())}`);
	return result;
}

export const ms = (x: number) => `${x.toFixed(2)} ms`;
export const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;
export const ratio = (x: number) => `${x.toFixed(2)}×`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export function log(line = ''): void {
	process.stdout.write(`${line}\n`);
}

export function heading(title: string): void {
	log();
	log(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);
}

/** A plain-text table, right-aligned numbers, for the terminal and for pasting. */
export function table(header: string[], rows: string[][]): void {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	log(line(header));
	for (const r of rows) log(line(r));
}

/** One row of the closing summary, which BENCHMARKS.md copies. */
export interface Figure {
	what: string;
	value: string;
	target?: string;
	met?: boolean;
}

export const figures: Figure[] = [];

export function record(figure: Figure): void {
	figures.push(figure);
}
