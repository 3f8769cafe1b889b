// Page side of formAction: on a page with several forms, the answer (ActionData) belongs to the form whose action
// named it, and each form shows only its own messages and values.

type Answer = {
	action?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	message?: string | null;
};

/** The answer to the form named `name` (formAction's `name`), or null when another form (or none) answered. */
export function answerTo<F>(form: F, name: string): (F & Answer) | null {
	if (!form || typeof form !== 'object') return null;
	return (form as Answer).action === name ? (form as F & Answer) : null;
}

/** The message beside one field of an answer, if any. */
export function errorOf(answer: Answer | null | undefined, field: string): string | null {
	return answer?.errors?.[field] ?? null;
}

/** What was typed in one field, to refill it after a refusal. */
export function valueOf(answer: Answer | null | undefined, field: string, fallback = ''): string {
	return answer?.values?.[field] ?? fallback;
}

/** The boxes that were ticked in a refused form (a picker's `picked`, given back by its action's `refill`). */
export function pickedOf(answer: unknown): string[] | null {
	const picked = (answer as { picked?: unknown } | null)?.picked;
	return Array.isArray(picked) ? picked.map(String) : null;
}
