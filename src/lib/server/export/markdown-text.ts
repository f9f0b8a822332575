/**
 * Putting people's text into the Markdown of a dataset card. The card is rendered on the Hub and
 * elsewhere, so what a steward or contributor typed must stay text: no raw HTML, no heading or
 * table broken by a stray character.
 */

/** One line of text inside a heading, list item or table cell. */
export function inlineText(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]{}<>#|!~]/g, (c) => `\\${c}`);
}

/** Paragraphs a steward wrote in Markdown: kept as Markdown, but HTML is shown, not rendered. */
export function blockText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
}
