// Calls that arrive in the same turn of the event loop, answered by one call over all of them (the DataLoader
// pattern). Under load several requests are read from their sockets together; a round trip to PostgreSQL costs this
// process far more than a row does (a write, a wake-up of the database, a read), so a busy server makes one for the
// batch instead of one each. A quiet server sends a batch of one a turn later (microseconds). Never a cache: every
// call's answer is read after the call was made.

/**
 * Returns a function that queues an item and resolves with its answer. `run` gets the items of one batch (those with
 * the same `keyOf`, in call order) and returns one answer per item, in the same order; if it fails, every call in
 * that batch fails with its error.
 */
export function batched<I, O>(
	run: (items: I[]) => Promise<O[]>,
	keyOf: (item: I) => string = () => ''
): (item: I) => Promise<O> {
	let waiting = new Map<string, { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]>();
	let scheduled = false;
	function flush() {
		scheduled = false;
		const groups = [...waiting.values()];
		waiting = new Map();
		for (const calls of groups) {
			// started in a promise: `run` throwing at once rejects these calls instead of throwing in this callback
			Promise.resolve()
				.then(() => run(calls.map((c) => c.item)))
				.then(
					(answers) => calls.forEach((c, i) => c.resolve(answers[i])),
					(e) => calls.forEach((c) => c.reject(e))
				);
		}
	}
	return (item) =>
		new Promise<O>((resolve, reject) => {
			const key = keyOf(item);
			const calls = waiting.get(key);
			if (calls) calls.push({ item, resolve, reject });
			else waiting.set(key, [{ item, resolve, reject }]);
			if (!scheduled) {
				scheduled = true;
				setImmediate(flush);
			}
		});
}
