import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

function withoutServerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { ORIGIN: _origin, HOST: _host, DATABASE_URL: _url, ...rest } = env;
	return rest;
}

export interface RunningServer {
	url: string;
	process: ChildProcess;
	/** Stops the server; SIGKILL simulates a crash. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the app the way `npm start` does (scripts/start.js, which serves `build/` in-process),
 * on a free port, with nothing set that a newcomer would not set.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
	if (!existsSync('build/handler.js')) {
		throw new Error('build/ is missing: run `npm test` (which builds first) or `npm run build`');
	}
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...withoutServerSettings(process.env), ...env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
	return {
		url: `http://localhost:${port}`,
		process: child,
		stop(signal = 'SIGTERM') {
			return new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill(signal);
			});
		}
	};
}
