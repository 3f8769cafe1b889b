// How much of an area tree a page shows at once. A national register has a thousand areas and more: a page that listed
// them all (or the first thousand, cut anywhere) was tens of thousands of pixels long on a phone. Pages show the
// upper levels that fit within their limit, every level when all fit, and link each area of the last level shown to
// the areas below it.

/**
 * The deepest level (absolute depth) to show of these areas — a whole tree or one area's subtree: every level
 * (Infinity) when they are at most `limit`, else the levels from the top that fit (at least the first).
 */
export function deepestShown(areas: { depth: number }[], limit: number): number {
	if (areas.length <= limit) return Infinity;
	let depth = Math.min(...areas.map((a) => a.depth));
	while (areas.filter((a) => a.depth <= depth + 1).length <= limit) depth++;
	return depth;
}
