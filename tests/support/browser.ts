import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when Debian's Chromium is installed. */
export const browserSkip = existsSync(CHROMIUM)
	? null
	: `${CHROMIUM} is missing (apt-get install chromium): browser tests SKIPPED`;

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export function screenshotPath(name: string): string {
	mkdirSync('test-results', { recursive: true });
	return `test-results/${name}.png`;
}

/**
 * A new person in a fresh browser context, signed up on the sign-up page. Waits for the page's
 * JavaScript first, so that the form is sent as the enhanced form sends it.
 */
export async function signUpInBrowser(browser: Browser, serverUrl: string, email: string, javaScriptEnabled = true): Promise<Page> {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
	await page.goto(`${serverUrl}/signup`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('correct horse battery');
	await page.getByRole('button', { name: 'Sign up' }).click();
	await page.getByTestId('signed-in-as').waitFor();
	return page;
}
