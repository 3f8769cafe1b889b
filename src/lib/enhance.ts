// use:enhance that behaves like the page without JavaScript: after a failed submit the form keeps what was typed
// except passwords, which are cleared (a full page load would not send them back either).
import { enhance } from '$app/forms';

export function enhanceForm(form: HTMLFormElement) {
	return enhance(form, () => async ({ update, result }) => {
		await update();
		if (result.type === 'failure' || result.type === 'error') {
			for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
		}
	});
}
