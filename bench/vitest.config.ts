import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Its own config so that `npm test` never runs the benchmark (the top-level one includes only
// `*.test.ts`), while the bench still runs under Vite: the migrations are bundled with
// `import.meta.glob` and `?raw`.
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['bench/**/*.bench-run.ts'],
		// The figures are the output: print them as they come, not buffered per test.
		disableConsoleIntercept: true,
		// One benchmark at a time: two at once on this machine would time each other.
		fileParallelism: false,
		testTimeout: 20 * 60_000,
		hookTimeout: 20 * 60_000
	}
});
