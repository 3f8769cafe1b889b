// SQL pieces placed into a larger statement without their values ever entering its text. A fragment is constant
// text written in code whose $1…$n stand for its own values; the statement that takes it in renumbers those
// placeholders to its own parameters (or to columns bound from them), and the values travel as bind parameters.

export interface Fragment {
	/** constant SQL text defined in code; $1…$n are this fragment's `values` */
	readonly text: string;
	readonly values: readonly unknown[];
}

const PLACEHOLDER = /\$(\d+)/g;
const counts = new Map<string, number>();

/** How many values the text's placeholders ask for (the highest $n). */
function placeholderCount(text: string): number {
	let n = counts.get(text);
	if (n === undefined) {
		n = Math.max(0, ...[...text.matchAll(PLACEHOLDER)].map((p) => Number(p[1])));
		counts.set(text, n);
	}
	return n;
}

/** Throws unless the fragment carries exactly one value per placeholder (a missing one would shift the rest). */
export function checked(f: Fragment): Fragment {
	const n = placeholderCount(f.text);
	if (n !== f.values.length)
		throw new Error(`an SQL fragment with ${n} placeholders was given ${f.values.length} values`);
	return f;
}

/** The fragment's text with each placeholder $i written as `to(i)`: a parameter of the statement around it. */
export function renumbered(f: Fragment, to: (i: number) => string): string {
	return checked(f).text.replace(PLACEHOLDER, (_, i: string) => to(Number(i)));
}

/** The fragment's text after `offset` parameters of the statement around it ($1 → $(offset + 1) …). */
export function shifted(f: Fragment, offset: number): string {
	return renumbered(f, (i) => `$${i + offset}`);
}
