import MarkdownIt from 'markdown-it';

// Responses are community-supplied, so raw HTML stays text (html: false). A single newline breaks
// the line because that is how chat UIs show responses, and how their authors expect them shown.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Fuzzy links would turn file names into links: main.py is a domain in Paraguay.
md.linkify.set({ fuzzyLink: false });

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const REL = 'nofollow noopener noreferrer';

// An allowlist, where markdown-it's own check is a denylist. Browsers ignore tabs, newlines and
// leading control characters in a URL, so those must not hide a scheme from this check either.
md.validateLink = (url) => {
	const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url.replace(/[\0-\x20]/g, ''));
	return !scheme || SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
	tokens[idx]!.attrSet('rel', REL);
	return self.renderToken(tokens, idx, options);
};

// The CSP allows images only from the app itself, and a remote image would tell whoever wrote
// the response each reader's IP address, so an image becomes a link to it.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
	const token = tokens[idx]!;
	const esc = md.utils.escapeHtml;
	const src = String(token.attrGet('src') ?? '');
	const title = String(token.attrGet('title') ?? '');
	const alt = esc(self.renderInlineAsText(token.children ?? [], options, env) || src);
	if (!src) return alt;
	return `<a href="${esc(src)}"${title ? ` title="${esc(title)}"` : ''} rel="${REL}">${alt}</a>`;
};

// Alignment as the align attribute keeps inline styles out of the output altogether.
for (const rule of ['th_open', 'td_open']) {
	md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
		const token = tokens[idx]!;
		const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet('style') ?? ''))?.[1];
		token.attrs = align ? [['align', align]] : null;
		return self.renderToken(tokens, idx, options);
	};
}

/** Markdown (CommonMark with GFM tables and strikethrough) to HTML that is safe to inline. */
export function renderMarkdown(text: string): string {
	return md.render(text);
}
