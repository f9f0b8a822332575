import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
