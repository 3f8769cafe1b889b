// The editor's lists of rows that fold (the questions, the sources): what they share. A long list on a phone folds
// each row to a summary; open are the new ones, the empty ones and any with a problem (a save that finds one opens
// it). Without JavaScript the same, and a folded row is still posted; the add/remove buttons then post the form.

/**
 * Which rows are open, one flag per row (the list adds or removes a flag with its row). `startsOpen` decides on first
 * show; a row that gets a problem later opens.
 */
export function foldedRows(
	count: () => number,
	startsOpen: (i: number) => boolean,
	hasProblem: (i: number) => boolean
) {
	const opened = $state(Array.from({ length: count() }, (_, i) => startsOpen(i) || hasProblem(i)));
	$effect(() => {
		for (let i = 0; i < count(); i++) if (hasProblem(i)) opened[i] = true;
	});
	return opened;
}

/** A row's summary: its text cut to `max` characters. */
export const excerpt = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 2).trimEnd()}…` : text;

/**
 * An add/remove button's click: with JavaScript the rows change here and the autosave sends them; without, the button
 * posts the form (the server adds or removes the row and saves).
 */
export function rowChange(scripted: () => boolean, onchange: () => void) {
	return (e: MouseEvent, change: () => void) => {
		if (!scripted()) return;
		e.preventDefault();
		change();
		onchange();
	};
}
