// Administrative areas as the choices of a picker (src/lib/components/Combobox.svelte): each area by its name, with
// the names of the areas above it as the hint line (so two districts of one name are told apart, and typing a
// region's name finds the areas in it).

export interface AreaChoice {
	value: string;
	label: string;
	hint?: string;
}

/** `areas` in tree order (each after its parent, depth 0 at the top); `name` words an area's name. */
export function areaOptions<A extends { code: string; name: string; depth: number }>(
	areas: readonly A[],
	name: (a: A) => string = (a) => a.name
): AreaChoice[] {
	const above: string[] = [];
	return areas.map((a) => {
		above.length = Math.max(0, Math.min(above.length, a.depth));
		const hint = above.join(' › ');
		above.push(name(a));
		return hint ? { value: a.code, label: name(a), hint } : { value: a.code, label: name(a) };
	});
}
