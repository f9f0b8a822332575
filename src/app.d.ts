import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { Caller } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			user: { id: string; email: string } | null;
			/** Who database calls run as for this request. */
			caller: Caller;
			/** The request's Supabase client, in Supabase mode only (sign-in and sign-out use it). */
			supabase: SupabaseClient<Database> | null;
		}
		interface PageData {
			user: { email: string } | null;
		}
	}
}

export {};
