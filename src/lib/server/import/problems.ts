import { MAX_PROBLEMS } from './limits';

/** A problem that stops reading the file: a limit exceeded, or bytes that cannot be read. */
export class ImportStop extends Error {}

/** Collects problems, keeping the first MAX_PROBLEMS and counting the rest. */
export class Problems {
	private readonly kept: string[] = [];
	private more = 0;

	add(message: string): void {
		if (this.kept.length < MAX_PROBLEMS) this.kept.push(message);
		else this.more++;
	}

	get any(): boolean {
		return this.kept.length > 0;
	}

	list(): string[] {
		return this.more > 0 ? [...this.kept, `… and ${this.more.toLocaleString('en-US')} more`] : [...this.kept];
	}
}
