import { json } from '@sveltejs/kit';
import { backend } from '$lib/server/backend';
import { requireApiMember } from '$lib/server/guards';
import { whoAmI } from '$lib/server/profile';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => json(await whoAmI((await backend()).db, requireApiMember(locals)));
