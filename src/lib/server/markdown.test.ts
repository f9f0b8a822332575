import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

const ALLOWED_TAGS = new Set([
	'p', 'br', 'strong', 'em', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote',
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's'
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'class', 'align']);

const TAG = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/gy;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
	return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec, hex, name: string) =>
		dec ? String.fromCodePoint(+dec) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name.toLowerCase()]!
	);
}

/** Reads a URL's scheme the way a browser does: tabs and newlines anywhere, leading controls. */
function schemeOf(href: string): string | null {
	const url = decodeEntities(href).replace(/[\t\n\r]/g, '').replace(/^[\0-\x20]+/, '');
	return /^([a-z][a-z\d+.-]*):/i.exec(url)?.[1]!.toLowerCase() ?? null;
}

type Tag = { tag: string; name: string; closing: boolean; attributes: [string, string][]; unparsed: string };

function scanTags(html: string): Tag[] {
	return [...html.matchAll(TAG)].map(([tag, closing, name = '', rest = '']) => {
		const attributes: [string, string][] = [];
		ATTRIBUTE.lastIndex = 0;
		let consumed = 0;
		for (let m; (m = ATTRIBUTE.exec(rest)); consumed = ATTRIBUTE.lastIndex) {
			const [, attribute = '', ...values] = m;
			attributes.push([attribute.toLowerCase(), values.find((v) => v !== undefined) ?? '']);
		}
		const unparsed = rest.slice(consumed).trim();
		return { tag, name: name.toLowerCase(), closing: closing === '/', attributes, unparsed };
	});
}

/** Everything in html that would be unsafe to inline: unknown tags or attributes, bad links. */
function unsafeParts(html: string): string[] {
	const problems: string[] = [];
	for (const { tag, name, closing, attributes, unparsed } of scanTags(html)) {
		if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${tag}`);
		if (closing && attributes.length) problems.push(`closing tag with attributes ${tag}`);
		if (unparsed) problems.push(`unparsed attributes in ${tag}`);
		for (const [attribute, value] of attributes) {
			if (!ALLOWED_ATTRIBUTES.has(attribute)) problems.push(`attribute ${attribute} in ${tag}`);
			const scheme = attribute === 'href' ? schemeOf(value) : null;
			if (scheme && !['http', 'https', 'mailto'].includes(scheme)) problems.push(`href ${value}`);
		}
	}
	// Any "<" left over is markup the scanner did not understand, which a browser might.
	if (html.replace(TAG, '').includes('<')) problems.push('stray <');
	return problems;
}

const PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<div style="width: expression(alert(1))">x</div>',
	'<style>body { background: url("javascript:alert(1)") }</style>',
	'<details open ontoggle=alert(1)>',
	'<a href="#" onclick="alert(1)">x</a>',
	'<a href="javascript:alert(1)">x</a>',
	'<a href="&#x6A;avascript:alert(1)">x</a>',
	'<<script>script>alert(1)<</script>/script>',
	'<scr<script>ipt>alert(1)</script>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'&#60;img src=x onerror=alert(1)&#62;',
	'<!-- <script>alert(1)</script> -->',
	'<!--><img src=x onerror=alert(1)>-->',
	'<javascript:alert(1)>',
	'<JAVASCRIPT:alert(1)>',
	'<vbscript:msgbox(1)>',
	'[x](javascript:alert(1) "title")',
	'[x](  javascript:alert(1))',
	'[x](<javascript:alert(1)>)',
	'[x](java&#x09;script:alert(1))',
	'[x](%6Aavascript:alert(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](data:text/html,<script>alert(1)</script>)',
	'[x](data:image/svg+xml,<svg onload=alert(1)>)',
	'![x](javascript:alert(1))',
	'![x](data:image/png;base64,iVBORw0KGgo=)',
	'[x]: javascript:alert(1)\n\n[x]',
	'[<img src=x onerror=alert(1)>](https://example.com)',
	'[x](https://example.com "\\" onmouseover=\\"alert(1)")',
	'https://example.com/"onmouseover="alert(1)',
	'```js" onmouseover="alert(1)\n1\n```',
	'```\n</code></pre><script>alert(1)</script>\n```',
	'| a |\n| - |\n| <script>alert(1)</script> |',
	'> <iframe src=//evil.example>'
];

describe('renderMarkdown', () => {
	it('shows raw HTML as text', () => {
		expect(renderMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		const img = renderMarkdown('<img src=x onerror=alert(1)>');
		expect(img).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(img).not.toContain('<img');
	});

	it('never emits event handler attributes', () => {
		for (const input of ['<p onclick="alert(1)">x</p>', '<svg onload=alert(1)>', '[a](https://x.example "x\\" onclick=\\"y")']) {
			const html = renderMarkdown(input);
			const names = scanTags(html).flatMap((t) => t.attributes.map(([name]) => name));
			expect(names.filter((name) => name.startsWith('on')), html).toEqual([]);
			expect(scanTags(html).every((t) => !t.unparsed), html).toBe(true);
		}
	});

	it('refuses javascript: links however they are spelled', () => {
		for (const input of [
			'[x](javascript:alert(1))',
			'[x](JaVaScRiPt:alert(1))',
			'[x](&#106;avascript:alert(1))',
			'[x](javascript&#58;alert(1))',
			'[x](&#x6A;&#x61;vascript:alert(1))',
			'<javascript:alert(1)>'
		]) {
			const html = renderMarkdown(input);
			expect(html, input).not.toMatch(/href="\s*javascript/i);
			expect(html, input).not.toContain('<a');
		}
	});

	it('turns a remote image into a link, never an <img>', () => {
		const html = renderMarkdown('![a chart](https://evil.example/p.png)');
		expect(html).not.toContain('<img');
		expect(html).toContain('<a href="https://evil.example/p.png" rel="nofollow noopener noreferrer">a chart</a>');
	});

	it('escapes code in a fenced block and names its language', () => {
		const html = renderMarkdown('```python\nif a < b > c:\n    print("<b>")\n```');
		expect(html).toBe(
			'<pre><code class="language-python">if a &lt; b &gt; c:\n    print(&quot;&lt;b&gt;&quot;)\n</code></pre>\n'
		);
	});

	it('gives links rel and no target', () => {
		const html = renderMarkdown('[docs](https://example.com/docs) and https://example.org');
		expect(html).toContain('<a href="https://example.com/docs" rel="nofollow noopener noreferrer">docs</a>');
		expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">');
		expect(html).not.toContain('target=');
	});

	it('keeps relative and mailto links', () => {
		const html = renderMarkdown('[a](/guide#ties) [b](#top) [c](mailto:team@example.org)');
		expect(html).toContain('href="/guide#ties"');
		expect(html).toContain('href="#top"');
		expect(html).toContain('href="mailto:team@example.org"');
	});

	it('does not link file names that look like domains', () => {
		expect(renderMarkdown('Run main.py then open notes.md')).not.toContain('<a');
	});

	it('breaks the line at a single newline, as chat UIs do', () => {
		expect(renderMarkdown('first line\nsecond line')).toBe('<p>first line<br>\nsecond line</p>\n');
	});

	it('renders GFM tables and strikethrough', () => {
		const html = renderMarkdown('| model | score |\n| :- | -: |\n| a | ~~1~~ 2 |');
		expect(html).toContain('<table>');
		expect(html).toContain('<th align="left">model</th>');
		expect(html).toContain('<td align="right"><s>1</s> 2</td>');
		expect(html).not.toContain('style=');
	});

	it('emits only allowlisted tags, attributes and URL schemes for known XSS payloads', () => {
		for (const payload of PAYLOADS) {
			const html = renderMarkdown(payload);
			expect(unsafeParts(html), `${payload}\n=> ${html}`).toEqual([]);
		}
		// The same payloads inside ordinary markdown structure: lists, quotes, emphasis, tables.
		const nested = PAYLOADS.map((p) => `- **${p}**\n\n> ${p}\n\n| ${p.replace(/\n/g, ' ')} |\n| - |`).join('\n\n');
		expect(unsafeParts(renderMarkdown(nested))).toEqual([]);
	});

	it('has a scanner that notices unsafe output', () => {
		expect(unsafeParts('<img src="x">')).not.toEqual([]);
		expect(unsafeParts('<p onclick="x">a</p>')).not.toEqual([]);
		expect(unsafeParts('<a href="java&#x09;script:alert(1)">x</a>')).not.toEqual([]);
		expect(unsafeParts('<a href=" JAVASCRIPT:alert(1)">x</a>')).not.toEqual([]);
		expect(unsafeParts('<a href="data:text/html,x">x</a>')).not.toEqual([]);
		expect(unsafeParts('<p>a <!-- b --></p>')).not.toEqual([]);
		expect(unsafeParts('<p>ok <a href="https://x.example" rel="nofollow">x</a></p>')).toEqual([]);
	});
});
