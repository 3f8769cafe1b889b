// The first line of a file that named each value (a national worker id, a licence number, a worker), for finding
// duplicates across a national file read in chunks without holding its values: a Map of 400,000 id strings cost the
// server ~36 MiB; this table keeps a 64-bit hash and a line per value in typed arrays (~12 bytes a slot, half full).
// Two different values share a 64-bit hash with odds of about 1 in 10^9 for a file of 200,000 rows.

/** Two 32-bit lanes of a multiply-xorshift hash over the UTF-16 units of `s`. */
export function hash64(s: string): [number, number] {
	let a = 0x9e3779b9;
	let b = 0x85ebca6b;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		a = Math.imul(a ^ c, 0x9e3779b1);
		b = Math.imul(b ^ c, 0x5f356495);
	}
	a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
	b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
	a ^= s.length;
	return [a >>> 0, b >>> 0];
}

export class FirstLines {
	private hi = new Uint32Array(1024);
	private lo = new Uint32Array(1024);
	/** 0: an empty slot (lines of a file start at 1) */
	private lines = new Int32Array(1024);
	private used = 0;

	get size() {
		return this.used;
	}

	/** The line that named `value` first, or undefined (and `line` is kept as its first) when none did. */
	claim(value: string, line: number): number | undefined {
		if (!(line >= 1)) throw new RangeError(`a line of a file is 1 or more (${line})`);
		const [h, l] = hash64(value);
		const slot = this.find(h, l);
		if (this.lines[slot]) return this.lines[slot];
		this.put(slot, h, l, line);
		return undefined;
	}

	/** The line that named `value` first, if any. */
	get(value: string): number | undefined {
		const [h, l] = hash64(value);
		return this.lines[this.find(h, l)] || undefined;
	}

	private find(h: number, l: number): number {
		const mask = this.lines.length - 1;
		let slot = (h ^ Math.imul(l, 0x27d4eb2d)) & mask;
		while (this.lines[slot] && (this.hi[slot] !== h || this.lo[slot] !== l)) slot = (slot + 1) & mask;
		return slot;
	}

	private put(slot: number, h: number, l: number, line: number) {
		this.hi[slot] = h;
		this.lo[slot] = l;
		this.lines[slot] = line;
		if (++this.used * 2 > this.lines.length) this.grow();
	}

	private grow() {
		const [hi, lo, lines] = [this.hi, this.lo, this.lines];
		this.hi = new Uint32Array(hi.length * 2);
		this.lo = new Uint32Array(lo.length * 2);
		this.lines = new Int32Array(lines.length * 2);
		for (let i = 0; i < lines.length; i++)
			if (lines[i]) {
				const slot = this.find(hi[i], lo[i]);
				this.hi[slot] = hi[i];
				this.lo[slot] = lo[i];
				this.lines[slot] = lines[i];
			}
	}
}
