import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'preference-commons.pid';

/** A killed process stays a zombie until reaped, and signal 0 still reaches it: that is not alive. */
function zombie(pid: number): boolean {
	try {
		return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
	} catch {
		return false;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
	return !zombie(pid);
}

/**
 * PGlite is a single-process database: two servers on one data directory would corrupt it, and
 * PGlite itself does not guard against that. A pid file does; one left by a crash (kill -9) is
 * stale once its process is gone, and is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	const path = join(dataDir, LOCK_FILE);
	for (;;) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => {
				try {
					unlinkSync(path);
				} catch {
					// Already gone: nothing to release.
				}
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
		if (Number.isInteger(holder) && alive(holder)) {
			throw new Error(
				`the database in ${dataDir} is in use by process ${holder}; stop it first, or set DATA_DIR to another folder`
			);
		}
		unlinkSync(path);
	}
}
