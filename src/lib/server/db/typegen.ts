/**
 * Writes `src/lib/database.types.ts` from a migrated database's catalog, in the shape
 * `supabase gen types typescript` produces (`Database['public']['Tables' | 'Functions' | ...]`),
 * so `createServerClient<Database>` and `supabase.rpc` are typed without the Supabase CLI, which
 * needs Docker or a linked project. Only the `public` schema: it is all the data API exposes.
 */
import type { SqlDriver } from './driver';

const SCALARS: Record<string, string> = {
	bool: 'boolean',
	int2: 'number',
	int4: 'number',
	int8: 'number',
	float4: 'number',
	float8: 'number',
	numeric: 'number',
	json: 'Json',
	jsonb: 'Json',
	void: 'undefined'
};

/** The TypeScript for a Postgres type name as pg_type.typname gives it (arrays start with `_`). */
function tsType(typname: string): string {
	if (typname.startsWith('_')) return `${tsType(typname.slice(1))}[]`;
	return SCALARS[typname] ?? 'string';
}

interface Column {
	table: string;
	name: string;
	type: string;
	nullable: boolean;
	hasDefault: boolean;
	generated: boolean;
}

interface FunctionRow {
	name: string;
	argNames: string[] | null;
	argModes: string[] | null;
	allArgTypes: string[] | null;
	inArgTypes: string[];
	defaults: number;
	returnType: string;
	returnsSet: boolean;
	returnRelation: string | null;
}

const quote = (key: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key));

function object(lines: string[], indent: string): string {
	return lines.length ? `{\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}}` : '{}';
}

export async function databaseTypes(driver: SqlDriver): Promise<string> {
	const columns = await driver.query<Column>(
		`select c.relname as "table", a.attname as name, t.typname as type, not a.attnotnull as nullable,
		        (a.atthasdef or a.attidentity <> '') as "hasDefault", (a.attgenerated <> '' or a.attidentity = 'a') as generated
		 from pg_attribute a
		 join pg_class c on c.oid = a.attrelid
		 join pg_type t on t.oid = a.atttypid
		 where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
		 order by c.relname, a.attname`
	);
	const functions = await driver.query<FunctionRow>(
		`select p.proname as name, p.proargnames as "argNames", p.proargmodes::text[] as "argModes",
		        array(select t.typname from unnest(p.proallargtypes) with ordinality x(oid, n) join pg_type t on t.oid = x.oid order by n) as "allArgTypes",
		        array(select t.typname from unnest(p.proargtypes) with ordinality x(oid, n) join pg_type t on t.oid = x.oid order by n) as "inArgTypes",
		        p.pronargdefaults as defaults, rt.typname as "returnType", p.proretset as "returnsSet",
		        case when rt.typtype = 'c' then rt.typname end as "returnRelation"
		 from pg_proc p join pg_type rt on rt.oid = p.prorettype
		 where p.pronamespace = 'public'::regnamespace
		 order by p.proname, p.oid`
	);

	const tables = new Map<string, Column[]>();
	for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);

	const tableTypes = [...tables].map(([name, cols]) => {
		const row = cols.map((c) => `${quote(c.name)}: ${tsType(c.type)}${c.nullable ? ' | null' : ''}`);
		const insert = cols.map((c) =>
			c.generated
				? `${quote(c.name)}?: never`
				: `${quote(c.name)}${c.nullable || c.hasDefault ? '?' : ''}: ${tsType(c.type)}${c.nullable ? ' | null' : ''}`
		);
		const update = cols.map((c) => `${quote(c.name)}?: ${c.generated ? 'never' : tsType(c.type) + (c.nullable ? ' | null' : '')}`);
		return `${quote(name)}: ${object(
			[`Row: ${object(row, '        ')}`, `Insert: ${object(insert, '        ')}`, `Update: ${object(update, '        ')}`, 'Relationships: []'],
			'      '
		)}`;
	});

	const functionTypes = new Map<string, string[]>();
	for (const f of functions) {
		const names = f.argNames ?? [];
		const modes = f.argModes ?? names.map(() => 'i');
		const allTypes = f.allArgTypes?.length ? f.allArgTypes : f.inArgTypes;
		const inputs = names.flatMap((n, i) => (['i', 'b', 'v'].includes(modes[i]!) ? [{ name: n, type: allTypes[i]! }] : []));
		const outputs = names.flatMap((n, i) => (['o', 'b', 't'].includes(modes[i]!) ? [{ name: n, type: allTypes[i]! }] : []));
		const args = inputs.map((a, i) => `${quote(a.name)}${i >= inputs.length - f.defaults ? '?' : ''}: ${tsType(a.type)}`);
		let returns: string;
		if (outputs.length) {
			returns = object(outputs.map((o) => `${quote(o.name)}: ${tsType(o.type)} | null`), '        ');
		} else if (f.returnRelation && tables.has(f.returnRelation)) {
			returns = `Database['public']['Tables'][${JSON.stringify(f.returnRelation)}]['Row']`;
		} else {
			returns = tsType(f.returnType);
		}
		if (f.returnsSet) returns = `${returns}[]`;
		const type = `{\n        Args: ${object(args, '        ')}\n        Returns: ${returns}\n      }`;
		functionTypes.set(f.name, [...(functionTypes.get(f.name) ?? []), type]);
	}
	const functionLines = [...functionTypes].map(([name, overloads]) => `${quote(name)}: ${overloads.join(' | ')}`);

	return `// Generated from the migrations by \`npm run db:types\`; a test fails when it is stale. Do not edit.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: ${object(tableTypes, '    ')}
    Views: { [_ in never]: never }
    Functions: ${object(functionLines, '    ')}
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
};
`;
}
