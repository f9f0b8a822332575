import { fail } from '@sveltejs/kit';
import { echo } from '../forms';
import { AuthError } from './local-accounts';

const STATUS = { 'email-taken': 409, 'wrong-credentials': 400, throttled: 429 } as const;

/** Turns an AuthError into the form's failure; anything else is a real error and is rethrown. */
export function authFormFailure(e: unknown, values: Record<string, unknown>) {
	if (!(e instanceof AuthError)) throw e;
	return fail(STATUS[e.failure.kind], { errors: { fields: {}, message: e.message }, values: echo(values) });
}
