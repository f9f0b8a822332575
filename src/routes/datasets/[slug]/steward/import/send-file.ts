import type { ImportEvent } from '$lib/import-format';

/**
 * Sends the file as the request body with XMLHttpRequest, which (unlike fetch) reports upload
 * progress, and reads the answer's NDJSON events as they arrive. Resolves with a message when
 * the server answered with something other than events, else with nothing.
 */
export function sendFile(
	url: string,
	file: File,
	on: { onUploaded: (bytes: number) => void; onEvent: (event: ImportEvent) => void }
): Promise<string | undefined> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		let seen = 0;
		const drain = () => {
			if (!xhr.getResponseHeader('content-type')?.startsWith('application/x-ndjson')) return;
			const text = xhr.responseText;
			const end = text.lastIndexOf('\n') + 1;
			for (const line of text.slice(seen, end).split('\n')) if (line) on.onEvent(JSON.parse(line) as ImportEvent);
			seen = end;
		};
		xhr.upload.onprogress = (e) => on.onUploaded(e.loaded);
		xhr.onprogress = drain;
		xhr.onload = () => {
			drain();
			const ok = xhr.status === 200 && xhr.getResponseHeader('content-type')?.startsWith('application/x-ndjson');
			resolve(ok ? undefined : answerText(xhr));
		};
		xhr.onerror = () => resolve('The upload did not reach the server (is the connection down?). Nothing was imported.');
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.send(file);
	});
}

/** SvelteKit's error pages answer JSON to scripts; a plain-text answer is shown as it is. */
function answerText(xhr: XMLHttpRequest): string {
	try {
		const body = JSON.parse(xhr.responseText) as { message?: unknown };
		if (typeof body.message === 'string') return body.message;
	} catch {
		// not JSON: the text itself
	}
	return xhr.responseText.trim() || `The server answered ${xhr.status}. Nothing was imported.`;
}
