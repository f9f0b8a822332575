import { z } from 'zod';
import type { Caller, DbPort } from './db';

const Steward = z.object({
	email: z.string(),
	added_at: z.coerce.date(),
	added_by_email: z.string().nullable(),
	is_you: z.boolean()
});
export type Steward = z.infer<typeof Steward>;

/** The co-steward form: one email, as the person signed up with it. */
export const StewardEmail = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email({ error: 'Give the email address the person signed up with.' }).max(320))
});

export async function listStewards(db: DbPort, caller: Caller, datasetSlug: string): Promise<Steward[]> {
	return z.array(Steward).parse(await db.rpc('list_stewards', { dataset_slug: datasetSlug }, caller));
}

export async function addSteward(db: DbPort, caller: Caller, datasetSlug: string, email: string): Promise<void> {
	await db.rpc('add_steward', { dataset_slug: datasetSlug, email }, caller);
}

export async function removeSteward(db: DbPort, caller: Caller, datasetSlug: string, email: string): Promise<void> {
	await db.rpc('remove_steward', { dataset_slug: datasetSlug, email }, caller);
}
