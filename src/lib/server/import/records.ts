/** One row of the file as read, before its shape is known: named fields, or why it has none. */
export type FileRecord =
	| { row: number; fields: Record<string, unknown>; problem?: undefined }
	| { row: number; problem: string; fields?: undefined };
