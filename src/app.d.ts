import type { AccountUser } from '$lib/server/auth/local-accounts';
import type { Caller } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			user: AccountUser | null;
			/** Who database calls run as for this request. */
			caller: Caller;
		}
		interface PageData {
			user: { email: string } | null;
		}
	}
}

export {};
