import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

const email = z
	.string({ error: 'Enter your email address.' })
	.trim()
	.toLowerCase()
	.max(320, 'That email address is too long.')
	.email('Enter a valid email address, like name@example.org.');

export const SignUpInput = z.object({
	email,
	password: z
		.string({ error: 'Choose a password.' })
		.min(PASSWORD_MIN, `Your password is too short: use at least ${PASSWORD_MIN} characters.`)
		.max(PASSWORD_MAX, `Your password is too long: use at most ${PASSWORD_MAX} characters.`),
	displayName: z
		.string()
		.trim()
		.max(80, 'Your display name is too long: use at most 80 characters.')
		.optional()
		.transform((v) => (v ? v : undefined))
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
	email,
	password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(PASSWORD_MAX)
});
export type SignInInput = z.infer<typeof SignInInput>;

export const MagicLinkInput = z.object({ email });

export const OAuthInput = z.object({
	provider: z.string({ error: 'Choose how to sign in.' }).regex(/^[a-z0-9:_-]{1,64}$/, 'Choose how to sign in.')
});

/** What Supabase Auth sends back to /auth/callback (PKCE) and /auth/confirm (email link). */
export const AuthCallbackQuery = z.object({ code: z.string().min(1).max(2000) });
export const EmailConfirmQuery = z.object({
	token_hash: z.string().min(1).max(2000),
	type: z.enum(['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change'])
});
