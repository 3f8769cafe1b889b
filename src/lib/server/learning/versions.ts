import { db } from '../db';
import type { Module } from '../content/types';
import { termsOf } from '../authoring/terms';

/** The ModuleVersion row for the exact text of a module (by content hash), created the first time it is needed, with
 *  the terms an accreditation rests on (issue 22): a completion counts under an accreditation of the same terms. */
export async function ensureVersion(m: Module) {
	const existing = await db.moduleVersion.findUnique({ where: { contentHash: m.hash } });
	if (existing) return existing;
	return db.moduleVersion.upsert({
		where: { contentHash: m.hash },
		update: {},
		create: {
			moduleId: m.id,
			version: m.version,
			contentHash: m.hash,
			title: m.title,
			track: m.track,
			level: m.level,
			competencies: m.competencies,
			credits: m.credits,
			creditCategory: m.creditCategory,
			providerSlug: m.provider,
			passMark: m.assessment.passMark,
			minutes: m.minutes,
			terms: termsOf(m)
		}
	});
}
