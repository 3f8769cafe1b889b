import { describe, expect, it } from 'vitest';
import { openAttempt, startAttempt } from './attempts';
import { DomainError } from '../errors';
import { makeUser } from '../../../../tests/helpers/db';
import { licensedWorker } from '../../../../tests/helpers/licensing';

const MODULE = 'care-gatekeeping';

describe('the assessment page', () => {
	it("finds the learner's open attempt, none before starting, and never another learner's", async () => {
		const w = await licensedWorker();
		expect(await openAttempt(w.user.id, MODULE)).toBeNull();
		const started = await startAttempt(w.user.id, MODULE);
		const open = await openAttempt(w.user.id, MODULE);
		expect(open?.attempt.id).toBe(started.id);
		expect(open?.questions.length).toBe(started.questionIds.length);
		expect(await openAttempt((await makeUser()).id, MODULE)).toBeNull();
	});

	it('a module that does not exist is a 404', async () => {
		const e = await openAttempt((await makeUser()).id, 'no-such-module').catch((x) => x);
		expect(e).toBeInstanceOf(DomainError);
		expect((e as DomainError).status).toBe(404);
	});
});
