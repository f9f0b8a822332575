import type { Cookies } from '@sveltejs/kit';
import type { Session } from './local-accounts';

const COOKIE = 'pc_session';

export function sessionToken(cookies: Cookies): string | undefined {
	return cookies.get(COOKIE);
}

/** HTTP-only and SameSite so scripts and other sites cannot use it; Secure whenever served over HTTPS. */
export function setSessionCookie(cookies: Cookies, url: URL, session: Session): void {
	cookies.set(COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: session.expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
