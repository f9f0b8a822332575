import {
	Field,
	Float64,
	Int32,
	Int64,
	List,
	makeData,
	RecordBatch,
	Schema,
	Struct,
	TimestampMillisecond,
	Utf8,
	type Data,
	type DataType
} from 'apache-arrow';
import type { Column, ColumnKind } from './columns';
import type { Message } from './rows';

/**
 * Arrow columns built straight from the rows' values, offsets and validity bitmaps:
 * `tableFromArrays` on strings is about 8x slower.
 */

const MESSAGE = new Struct([new Field('role', new Utf8(), false), new Field('content', new Utf8(), false)]);

function arrowType(kind: ColumnKind): DataType {
	switch (kind) {
		case 'messages':
			return new List(new Field('item', MESSAGE, false));
		case 'text':
			return new Utf8();
		case 'int32':
			return new Int32();
		case 'int64':
			return new Int64();
		case 'float64':
			return new Float64();
		case 'timestamp':
			return new TimestampMillisecond('UTC');
	}
}

export function arrowSchema<R>(columns: Column<R>[], metadata?: Map<string, string>): Schema {
	return new Schema(
		columns.map((c) => new Field(c.name, arrowType(c.kind), c.nullable)),
		metadata
	);
}

const encoder = new TextEncoder();

/** UTF-8 bytes and offsets of a string column, grown as strings arrive. */
class Utf8Builder {
	private bytes = new Uint8Array(1 << 16);
	private end = 0;
	private readonly offsets: Int32Array;
	private count = 0;

	constructor(capacity: number) {
		this.offsets = new Int32Array(capacity + 1);
	}

	private reserve(bytes: number): void {
		const need = this.end + bytes;
		if (need <= this.bytes.length) return;
		let size = this.bytes.length * 2;
		while (size < need) size *= 2;
		const grown = new Uint8Array(size);
		grown.set(this.bytes.subarray(0, this.end));
		this.bytes = grown;
	}

	append(s: string): void {
		this.reserve(s.length * 3);
		this.end += encoder.encodeInto(s, this.bytes.subarray(this.end)).written;
		this.offsets[++this.count] = this.end;
	}

	/** Appends the last `n` strings again, as bytes already encoded. */
	repeatLast(n: number): void {
		const from = this.offsets[this.count - n]!;
		const length = this.end - from;
		this.reserve(length);
		this.bytes.copyWithin(this.end, from, this.end);
		for (let i = this.count - n + 1; i <= this.count; i++) this.offsets[i + n] = this.offsets[i]! + length;
		this.end += length;
		this.count += n;
	}

	finish(nullBitmap?: Uint8Array, nullCount = 0): Data<Utf8> {
		return makeData({
			type: new Utf8(),
			length: this.count,
			nullCount,
			nullBitmap,
			valueOffsets: this.offsets.subarray(0, this.count + 1),
			data: this.bytes.subarray(0, this.end)
		});
	}
}

/** Validity bits for `values` (set = present), or none when nothing is missing. */
function validity(values: unknown[]): { nullBitmap?: Uint8Array; nullCount: number } {
	let nullCount = 0;
	for (const v of values) if (v === null) nullCount++;
	if (nullCount === 0) return { nullCount };
	const nullBitmap = new Uint8Array((values.length + 7) >> 3);
	values.forEach((v, i) => {
		if (v !== null) nullBitmap[i >> 3]! |= 1 << (i & 7);
	});
	return { nullBitmap, nullCount };
}

function textData(values: (string | null)[]): Data {
	const b = new Utf8Builder(values.length);
	for (const v of values) b.append(v ?? '');
	const { nullBitmap, nullCount } = validity(values);
	return b.finish(nullBitmap, nullCount);
}

function messagesData(values: Message[][]): Data {
	let total = 0;
	for (const list of values) total += list.length;
	const roles = new Utf8Builder(total);
	const contents = new Utf8Builder(total);
	const offsets = new Int32Array(values.length + 1);
	values.forEach((list, i) => {
		// A pair's votes share its message objects (rows.ts): encode them once a run.
		if (i > 0 && list === values[i - 1] && list.length > 0) {
			roles.repeatLast(list.length);
			contents.repeatLast(list.length);
		} else {
			for (const m of list) {
				roles.append(m.role);
				contents.append(m.content);
			}
		}
		offsets[i + 1] = offsets[i]! + list.length;
	});
	const child = makeData({ type: MESSAGE, length: total, nullCount: 0, children: [roles.finish(), contents.finish()] });
	return makeData({ type: arrowType('messages') as List<typeof MESSAGE>, length: values.length, nullCount: 0, valueOffsets: offsets, child });
}

function numberData(kind: 'int32' | 'int64' | 'float64' | 'timestamp', values: (number | Date | null)[]): Data {
	const { nullBitmap, nullCount } = validity(values);
	const length = values.length;
	switch (kind) {
		case 'int32':
			return makeData({ type: new Int32(), length, nullCount, nullBitmap, data: Int32Array.from(values as (number | null)[], (v) => v ?? 0) });
		case 'float64':
			return makeData({ type: new Float64(), length, nullCount, nullBitmap, data: Float64Array.from(values as (number | null)[], (v) => v ?? 0) });
		case 'int64':
			return makeData({ type: new Int64(), length, nullCount, nullBitmap, data: BigInt64Array.from(values as (number | null)[], (v) => BigInt(v ?? 0)) });
		case 'timestamp':
			return makeData({
				type: new TimestampMillisecond('UTC'),
				length,
				nullCount,
				nullBitmap,
				data: BigInt64Array.from(values as (Date | null)[], (v) => BigInt(v ? v.getTime() : 0))
			});
	}
}

function columnData<R>(column: Column<R>, rows: R[]): Data {
	const values = rows.map((r) => column.value(r));
	switch (column.kind) {
		case 'messages':
			return messagesData(values as Message[][]);
		case 'text':
			return textData(values as (string | null)[]);
		default:
			return numberData(column.kind, values as (number | Date | null)[]);
	}
}

/** One Arrow record batch of `rows`, in `schema`'s column order. */
export function arrowBatch<R>(schema: Schema, columns: Column<R>[], rows: R[]): RecordBatch {
	const children = columns.map((c) => columnData(c, rows));
	return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
}
