import { describe, expect, it } from 'vitest';
import { databaseUp } from './health';

describe('the health probe', () => {
	it('reports the database up when it answers', async () => {
		expect(await databaseUp()).toBe(true);
	});
});
