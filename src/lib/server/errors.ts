// Domain errors: business rules throw these; routes turn them into HTTP (400 with field messages, 403, 404, 429).
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 | 410 | 429 = 400,
		readonly fields: FieldErrors = {}
	) {
		super(message);
	}
}

export class FieldError extends DomainError {
	constructor(field: string, message: string) {
		super(message, 400, { [field]: message });
	}
}

export class Forbidden extends DomainError {
	constructor(message = 'You do not have permission to do this.') {
		super(message, 403);
	}
}
