import { z } from 'zod';

const Flag = z.enum(['0', '1']).optional();

const Env = z.object({
	DATABASE_URL: z.string().url().optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	/** Where finished exports' files are kept, one folder per export. */
	EXPORTS_DIR: z.string().min(1).default('./exports'),
	/** Demo dataset on first start: on by default for the embedded database only. */
	DEMO_DATA: Flag,
	PUBLIC_SUPABASE_URL: z.string().url().optional(),
	PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).optional(),
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1).optional(),
	/** Server only: exports read votes as service_role. */
	SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
	SUPABASE_SECRET_KEY: z.string().min(1).optional(),
	/** Offer email + password sign-in too, when the project's Auth settings allow it. */
	SUPABASE_PASSWORD_SIGN_IN: Flag,
	/** OAuth providers enabled in the project, e.g. `github,custom:huggingface`. */
	SUPABASE_OAUTH_PROVIDERS: z
		.string()
		.regex(/^[a-z0-9:_-]+(,[a-z0-9:_-]+)*$/, 'a comma-separated list of provider names')
		.optional()
});

export type SupabaseConfig = {
	kind: 'supabase';
	url: string;
	anonKey: string;
	serviceRoleKey?: string;
	passwordSignIn: boolean;
	oauthProviders: string[];
};

export type Config = {
	database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string } | SupabaseConfig;
	demoData: boolean;
	exportsDir: string;
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`invalid configuration: ${issues}`);
	}
	const e = parsed.data;
	const anonKey = e.PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? e.PUBLIC_SUPABASE_ANON_KEY;
	if (e.PUBLIC_SUPABASE_URL && anonKey) {
		if (e.DATABASE_URL) throw new Error('invalid configuration: set either DATABASE_URL or the Supabase keys, not both');
		return {
			database: {
				kind: 'supabase',
				url: e.PUBLIC_SUPABASE_URL,
				anonKey,
				serviceRoleKey: e.SUPABASE_SECRET_KEY ?? e.SUPABASE_SERVICE_ROLE_KEY,
				passwordSignIn: e.SUPABASE_PASSWORD_SIGN_IN === '1',
				oauthProviders: e.SUPABASE_OAUTH_PROVIDERS?.split(',') ?? []
			},
			demoData: false,
			exportsDir: e.EXPORTS_DIR
		};
	}
	if (e.PUBLIC_SUPABASE_URL || anonKey) {
		throw new Error('invalid configuration: Supabase mode needs both PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY (or PUBLIC_SUPABASE_PUBLISHABLE_KEY)');
	}
	return {
		database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
		demoData: e.DEMO_DATA ? e.DEMO_DATA === '1' : !e.DATABASE_URL,
		exportsDir: e.EXPORTS_DIR
	};
}
