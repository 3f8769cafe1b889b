import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { citedDocuments, getContent, localFramework } from '$lib/server/content';
import { m } from '$lib/paraglide/messages';

/**
 * track → level → competency, each with the reviewed modules that teach it. A competency expected at several levels
 * is listed under each; its first listing carries the anchor (its id: /framework/<track>#JUS.DIVERSION).
 */
export const load: PageServerLoad = ({ params }) => {
	const { modules } = getContent();
	const framework = localFramework();
	const track = framework.tracks.find((t) => t.id === params.track);
	if (!track) error(404, m.not_found());
	const reviewed = modules.filter((mod) => !mod.draft);
	const competencies = framework.competencies.filter((c) => c.track === track.id);
	const anchored = new Set<string>();
	const firstListing = (id: string) => {
		if (anchored.has(id)) return false;
		anchored.add(id);
		return true;
	};
	return {
		track: { id: track.id, title: track.title, description: track.description },
		levels: framework.levels
			.map((l) => ({
				id: l.id,
				title: l.title,
				competencies: competencies
					.filter((c) => c.levels.includes(l.id))
					.map((c) => ({
						id: c.id,
						anchor: firstListing(c.id),
						title: c.title,
						description: c.description,
						knowledge: c.knowledge,
						skills: c.skills,
						values: c.values,
						sources: citedDocuments(
							framework,
							c.sources.map((ref) => ({ ref }))
						).map((d) => d.title),
						modules: reviewed
							.filter((mod) => mod.competencies.includes(c.id))
							.map((mod) => ({ id: mod.id, title: mod.title }))
					}))
			}))
			.filter((l) => l.competencies.length)
	};
};
