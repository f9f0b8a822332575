/**
 * Hugging Face's license ids for the SPDX ids terms use. The Hub accepts only its own list
 * (https://huggingface.co/docs/hub/repositories-licenses); most are the SPDX id in lower case,
 * the Open Data Commons ones drop their version.
 */
const HUB_LICENSES: Record<string, string> = {
	'CC0-1.0': 'cc0-1.0',
	'CC-BY-4.0': 'cc-by-4.0',
	'CC-BY-SA-4.0': 'cc-by-sa-4.0',
	'CC-BY-NC-4.0': 'cc-by-nc-4.0',
	'CC-BY-NC-SA-4.0': 'cc-by-nc-sa-4.0',
	'CC-BY-ND-4.0': 'cc-by-nd-4.0',
	'CC-BY-NC-ND-4.0': 'cc-by-nc-nd-4.0',
	'CC-BY-3.0': 'cc-by-3.0',
	'CC-BY-SA-3.0': 'cc-by-sa-3.0',
	'ODC-By-1.0': 'odc-by',
	'ODbL-1.0': 'odbl',
	'PDDL-1.0': 'pddl',
	'CDLA-Permissive-1.0': 'cdla-permissive-1.0',
	'CDLA-Permissive-2.0': 'cdla-permissive-2.0',
	'CDLA-Sharing-1.0': 'cdla-sharing-1.0',
	'Apache-2.0': 'apache-2.0',
	MIT: 'mit'
};

const BY_LOWER = new Map(Object.entries(HUB_LICENSES).map(([spdx, hub]) => [spdx.toLowerCase(), hub]));

/** The Hub's id for an SPDX id, or null when the Hub has none (the card then says `other`). */
export function hubLicense(spdx: string): string | null {
	return BY_LOWER.get(spdx.toLowerCase()) ?? null;
}

/** The SPDX page for a license id, which Croissant recommends as the license URL. */
export function spdxUrl(spdx: string): string {
	return `https://spdx.org/licenses/${encodeURIComponent(spdx)}.html`;
}
