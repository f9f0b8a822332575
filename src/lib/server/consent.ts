import { z } from 'zod';
import type { Caller, DbPort } from './db';

export const ConsentInput = z
	.object({
		credit: z.enum(['pseudonymous', 'named'], { error: 'Choose how you want to be credited.' }),
		creditName: z.string().trim().max(120, 'Keep the name to 120 characters or fewer.').optional()
	})
	.refine((v) => v.credit === 'pseudonymous' || !!v.creditName, {
		path: ['creditName'],
		message: 'Enter the name to credit you by, or choose to stay pseudonymous.'
	});
export type ConsentInput = z.infer<typeof ConsentInput>;

/** Accepts the dataset's current published terms for the caller; giving it twice is harmless. */
export async function giveConsent(db: DbPort, caller: Caller, slug: string, input: ConsentInput): Promise<void> {
	await db.rpc(
		'give_consent',
		{ dataset_slug: slug, credit: input.credit, credit_name: input.creditName ?? null },
		caller
	);
}
