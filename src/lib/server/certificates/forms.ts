// What the programme form needs to render: the catalogue's modules, tracks and competencies.
import { getContent, localFramework } from '../content';

export function programmeFormOptions() {
	const c = getContent();
	return {
		modules: c.modules
			.filter((mod) => !mod.draft)
			.map((mod) => ({ id: mod.id, title: mod.title, passMark: mod.assessment.passMark })),
		tracks: localFramework().tracks.map((t) => ({ id: t.id, title: t.title })),
		competencies: localFramework().competencies.map((x) => ({ id: x.id, title: x.title, track: x.track }))
	};
}

export function competencyTitles(ids: string[]) {
	const map = new Map(localFramework().competencies.map((x) => [x.id, x.title]));
	return ids.map((id) => ({ id, title: map.get(id) ?? id }));
}
