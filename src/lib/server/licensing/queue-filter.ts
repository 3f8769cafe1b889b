// The renewal queue's filters, shared by /regulator/renewals and the regulator's home, so that each count on the home
// equals the rows the queue shows for the same filter. Pure.

export const QUEUE_FILTERS = ['open', 'grace', 'compliant'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

type Row = { outcome: string; verdict: { status: string } | null };

/** Whether a cycle of the queue is in the filter: waiting for a decision, in grace, or meeting the requirements. */
export function inQueueFilter(row: Row, filter: QueueFilter): boolean {
	if (filter === 'open') return row.outcome === 'OPEN';
	if (filter === 'grace') return row.outcome === 'GRACE';
	return row.verdict?.status === 'met';
}

/** The filter named in the address, or none for an unknown or missing one (the whole queue). */
export function parseQueueFilter(value: string | null): QueueFilter | null {
	return (QUEUE_FILTERS as readonly string[]).includes(value ?? '') ? (value as QueueFilter) : null;
}

/** How many rows of the queue are in each filter. */
export function queueCounts(rows: Row[]): Record<QueueFilter, number> {
	return Object.fromEntries(QUEUE_FILTERS.map((f) => [f, rows.filter((r) => inQueueFilter(r, f)).length])) as Record<
		QueueFilter,
		number
	>;
}
