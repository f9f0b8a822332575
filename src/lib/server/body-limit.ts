import { LIMIT_WORDS, MAX_FILE_BYTES } from './import/limits';

/** adapter-node's own default, kept for every route but the pair import. */
const DEFAULT_BODY_BYTES = 512 * 1024;
/** Room for the form's other fields and multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The streamed upload counts its bytes as it reads them, so it alone may come without a length. */
const IMPORT_STREAM = '/datasets/[slug]/steward/import/upload';
const IMPORT_FORM = '/datasets/[slug]/steward/import';

/**
 * scripts/start.js lifts adapter-node's body limit to fit an import, so the limit of every other
 * route is kept here. Node reads no more of a body than its Content-Length, so checking the
 * header bounds the body.
 */
export function bodyRefusal(request: Request, routeId: string | null): Response | null {
	const length = request.headers.get('content-length');
	const chunked = request.headers.has('transfer-encoding');
	if (length === null && !chunked) return null;
	const limit = routeId === IMPORT_STREAM ? MAX_FILE_BYTES : routeId === IMPORT_FORM ? MAX_FILE_BYTES + FORM_OVERHEAD_BYTES : DEFAULT_BODY_BYTES;
	if (length === null) {
		if (routeId === IMPORT_STREAM) return null;
		return new Response('A request body must say its length (Content-Length).', { status: 411 });
	}
	if (Number(length) <= limit) return null;
	const message =
		routeId === IMPORT_STREAM || routeId === IMPORT_FORM
			? `The file is larger than the ${LIMIT_WORDS.file} import limit. Nothing was imported: go back and choose a smaller file, or split it.`
			: 'The request is too large.';
	return new Response(message, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
