import { describe, expect, it } from 'vitest';
import { findModule } from '../content';
import { startAttempt, submitAttempt } from './attempts';
import { moduleProgress, type ProgressRow } from './progress';
import { createSession, validateSessionToken } from '../auth/session';
import { makeUser } from '../../../../tests/helpers/db';
import { sessionExtraFor } from '../hot/page-extras';
import { answerEntries, moduleFile } from '../../../../tests/helpers/content';

const MODULE = 'care-gatekeeping';
const file = moduleFile('content', MODULE); // read only: the module as shipped

describe('module progress', () => {
	it('read with the session (the module page) is the same as read on its own', async () => {
		const user = await makeUser([{ role: 'LEARNER' }]);
		const mod = findModule(MODULE)!;
		const failed = await startAttempt(user.id, MODULE);
		await submitAttempt(user.id, failed.id, answerEntries(file, failed.questionIds, false));
		const passed = await startAttempt(user.id, MODULE);
		await submitAttempt(user.id, passed.id, answerEntries(file, passed.questionIds, true));

		const { token } = await createSession(user.id);
		const now = new Date();
		const extra = sessionExtraFor({
			request: new Request('http://x/learn/' + MODULE),
			route: { id: '/(app)/learn/[module]' },
			params: { module: MODULE }
		} as never)!;
		const session = await validateSessionToken(token, now, extra);
		const alone = await moduleProgress(user.id, mod, now);
		const withSession = await moduleProgress(user.id, mod, now, session!.extra as ProgressRow);
		expect(withSession).toEqual(alone);
		expect(alone.completion?.version).toBe(mod.version);
		expect(alone.credit?.credits).toBe(mod.credits);
		expect(alone.attempts.map((a) => a.passed)).toEqual([true, false]);
		expect(alone.left).toBe(mod.assessment.attemptsPerDay - 2);
		expect(alone.open).toBe(false);
	});

	it('is not read with the session for a form post (the action reads after acting)', async () => {
		const post = {
			request: new Request('http://x/learn/' + MODULE, { method: 'POST' }),
			route: { id: '/(app)/learn/[module]' },
			params: { module: MODULE }
		};
		expect(sessionExtraFor(post as never)).toBeUndefined();
		const other = { request: new Request('http://x/cpd'), route: { id: '/(app)/cpd' }, params: {} };
		expect(sessionExtraFor(other as never)).toBeUndefined();
	});
});
