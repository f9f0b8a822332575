import { fail } from '@sveltejs/kit';
import { echo, type FormErrors } from '../forms';
import { AuthError } from './local-accounts';

const STATUS = { 'email-taken': 409, 'wrong-credentials': 400, throttled: 429 } as const;

/** Turns an AuthError into the form's failure; anything else is a real error and is rethrown. */
export function authFormFailure(e: unknown, values: Record<string, unknown>) {
	if (!(e instanceof AuthError)) throw e;
	const errors: FormErrors = { fields: {}, message: e.message };
	return fail(STATUS[e.failure.kind], { errors, values: echo(values) });
}
