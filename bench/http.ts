import { parse, unflatten } from 'devalue';
import { readFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { startServer, type RunningServer } from '../tests/support/server';
import { stats, type Stats } from './support';

/** What a SvelteKit form action answers to a request that asks for JSON, as `use:enhance` sends it. */
type ActionResult =
	| { type: 'success' | 'failure'; status: number; data?: string }
	| { type: 'redirect'; status: number; location: string }
	| { type: 'error'; status?: number; error: unknown };

type Task = { assignmentId: number };

export interface Volunteer {
	email: string;
	/** One keep-alive connection of their own, as each person's browser has, not a pool shared by all. */
	agent: Agent;
	cookie: string;
	assignmentId: number;
}

interface Response {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
const IDLE_SOCKET_MS = 4_000;
const CHOICES = ['left-much-better', 'left-better', 'tie', 'right-better', 'right-much-better', 'both-bad'];

function send(url: string, agent: Agent, headers: Record<string, string>, body?: string): Promise<Response> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
			res.on('error', reject);
		});
		req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer from ${url} in ${REQUEST_TIMEOUT_MS} ms`)));
		req.on('error', reject);
		req.end(body);
	});
}

export class Site {
	private constructor(
		readonly server: RunningServer,
		readonly slug: string
	) {}

	/** The built app (`build/`) serving the benchmark's data directory, as `npm start` would. */
	static async start(dataDir: string, slug: string): Promise<Site> {
		return new Site(await startServer({ DATA_DIR: dataDir, DEMO_DATA: '0' }), slug);
	}

	/** The server's peak resident memory so far, from the kernel. */
	peakRss(): number | null {
		try {
			const kB = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.server.process.pid}/status`, 'utf8'));
			return kB ? Number(kB[1]) * 1024 : null;
		} catch {
			return null;
		}
	}

	stop(): Promise<void> {
		return this.server.stop();
	}

	/** Posts a form to an action the way `use:enhance` does, and reads the JSON result. */
	private async action(agent: Agent, path: string, form: Record<string, string>, cookie?: string) {
		const res = await send(
			this.server.url + path,
			agent,
			{
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.server.url,
				'x-sveltekit-action': 'true',
				...(cookie ? { cookie } : {})
			},
			new URLSearchParams(form).toString()
		);
		try {
			return { res, result: JSON.parse(res.body) as ActionResult };
		} catch {
			throw new Error(`POST ${path} answered ${res.status} with something other than an action result: ${res.body.slice(0, 300)}`);
		}
	}

	/** Signs a new volunteer up through /signup, consents through the consent page, reads their first pair. */
	async volunteer(n: number): Promise<Volunteer> {
		// The server closes idle connections after 5 s (Node's default); letting go of them first
		// avoids sending a request down a socket the server is closing at that moment.
		const agent = new Agent({ keepAlive: true, maxSockets: 1, timeout: IDLE_SOCKET_MS });
		const email = `http-volunteer-${n}-${process.pid}@bench.example`;
		const signup = await this.action(agent, '/signup', { email, password: 'correct horse battery', displayName: `HTTP ${n}` });
		const session = signup.res.headers['set-cookie']?.find((c) => c.startsWith('pc_session='));
		if (signup.result.type !== 'redirect' || !session) {
			throw new Error(`signing up ${email} failed: ${JSON.stringify(signup.result)}`);
		}
		const cookie = session.split(';')[0]!;
		const consent = await this.action(agent, `/datasets/${this.slug}/consent`, { credit: 'pseudonymous' }, cookie);
		if (consent.result.type !== 'redirect' || !consent.result.location.endsWith('/rank')) {
			throw new Error(`consent for ${email} failed: ${JSON.stringify(consent.result)}`);
		}
		return { email, agent, cookie, assignmentId: (await this.firstTask(agent, cookie)).assignmentId };
	}

	/** The ranking page's data, as the client router fetches it. */
	private async firstTask(agent: Agent, cookie: string): Promise<Task> {
		const res = await send(`${this.server.url}/datasets/${this.slug}/rank/__data.json`, agent, { cookie });
		const body = JSON.parse(res.body) as { type: string; nodes?: ({ type: string; data?: unknown[] } | null)[] };
		for (const node of body.nodes ?? []) {
			if (node?.type !== 'data' || !node.data) continue;
			const data = unflatten(node.data) as { task?: Task | null };
			if (data.task) return data.task;
		}
		throw new Error(`the ranking page handed out no pair: ${res.body.slice(0, 300)}`);
	}

	/** One "submit vote + next pair" round trip: the vote action answers with the next task. */
	async vote(v: Volunteer, i: number): Promise<void> {
		const { result } = await this.action(
			v.agent,
			`/datasets/${this.slug}/rank?/vote`,
			{ assignmentId: String(v.assignmentId), choice: CHOICES[i % CHOICES.length]! },
			v.cookie
		);
		const data = result.type === 'success' && result.data ? (parse(result.data) as { task?: Task | null }) : null;
		if (!data?.task) throw new Error(`vote by ${v.email} was not answered with a next pair: ${JSON.stringify(result)}`);
		v.assignmentId = data.task.assignmentId;
	}
}

export interface LoadResult {
	concurrency: number;
	requests: number;
	latency: Stats;
	perSecond: number;
}

/** `concurrency` volunteers at once, each voting `each` times as fast as the answers come back. */
export async function underLoad(site: Site, volunteers: Volunteer[], each: number): Promise<LoadResult> {
	const samples: number[] = [];
	const t0 = performance.now();
	await Promise.all(
		volunteers.map(async (v) => {
			for (let i = 0; i < each; i++) {
				const t = performance.now();
				await site.vote(v, i);
				samples.push(performance.now() - t);
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	return { concurrency: volunteers.length, requests: samples.length, latency: stats(samples), perSecond: samples.length / seconds };
}
