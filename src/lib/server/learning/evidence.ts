// A learner's competencies: for each competency of their tracks (their primary track, core, and any track they
// hold evidence in), the evidence held, its level and where it came from.
import { db } from '../db';
import { localFramework } from '../content';

export async function myCompetencies(userId: string) {
	const [worker, evidence] = await Promise.all([
		db.workerProfile.findUnique({ where: { userId }, select: { primaryTrack: true } }),
		db.competencyEvidence.findMany({
			where: { userId },
			orderBy: { createdAt: 'desc' },
			select: {
				id: true,
				competencyId: true,
				level: true,
				source: true,
				createdAt: true,
				completion: {
					select: { score: true, moduleVersion: { select: { moduleId: true, title: true, version: true } } }
				}
			}
		})
	]);
	const framework = localFramework();
	const byCompetency = new Map<string, typeof evidence>();
	for (const e of evidence) byCompetency.set(e.competencyId, [...(byCompetency.get(e.competencyId) ?? []), e]);
	const tracks = new Set(['core', ...(worker?.primaryTrack ? [worker.primaryTrack] : [])]);
	for (const e of evidence) tracks.add(framework.competencies.find((c) => c.id === e.competencyId)?.track ?? 'core');
	return framework.tracks
		.filter((t) => tracks.has(t.id))
		.map((t) => ({
			track: t,
			competencies: framework.competencies
				.filter((c) => c.track === t.id)
				.map((c) => ({ id: c.id, title: c.title, levels: c.levels, evidence: byCompetency.get(c.id) ?? [] }))
		}));
}
