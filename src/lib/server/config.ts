import { z } from 'zod';

const Env = z.object({
	DATABASE_URL: z.string().url().optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	/** Demo dataset on first start: on by default for the embedded database only. */
	DEMO_DATA: z.enum(['0', '1']).optional()
});

export type Config = {
	database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
	demoData: boolean;
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`invalid configuration: ${issues}`);
	}
	const e = parsed.data;
	return {
		database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
		demoData: e.DEMO_DATA ? e.DEMO_DATA === '1' : !e.DATABASE_URL
	};
}
