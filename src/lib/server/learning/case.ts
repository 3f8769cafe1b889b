// The framework as a 1EdTech CASE 1.1 package. Identifiers are UUID v5 of the stable ids under one namespace, so
// the same framework always exports the same UUIDs and an importer can update rather than duplicate.
import { v5 as uuidv5 } from 'uuid';
import type { Framework } from '../content/types';

/** Credo's CASE namespace (a random UUID fixed once; never change it). */
export const CASE_NAMESPACE = '5b0f1c9e-7f3a-4c61-9d2e-3a8b6f4e2c17';

export const caseId = (kind: 'document' | 'track' | 'competency' | 'association', key: string) =>
	uuidv5(`${kind}:${key}`, CASE_NAMESPACE);

export function casePackage(fw: Framework, origin: string) {
	const when = fw.info.lastChangeDateTime;
	const docId = caseId('document', 'credo-framework');
	const uri = (kind: string, id: string) => `${origin}/framework/case.json#${kind}/${id}`;
	const docLink = { title: fw.info.title, identifier: docId, uri: uri('CFDocument', docId) };
	const levelTitle = new Map(fw.levels.map((l) => [l.id, l.title]));
	const items = [
		...fw.tracks.map((t) => ({
			identifier: caseId('track', t.id),
			uri: uri('CFItem', caseId('track', t.id)),
			fullStatement: t.title,
			humanCodingScheme: t.prefix,
			CFItemType: 'Track',
			notes: `${t.description} Sources: ${t.sources.join(', ')}`,
			language: fw.info.language,
			lastChangeDateTime: when
		})),
		...fw.competencies.map((c) => ({
			identifier: caseId('competency', c.id),
			uri: uri('CFItem', caseId('competency', c.id)),
			fullStatement: c.description,
			abbreviatedStatement: c.title,
			humanCodingScheme: c.id,
			CFItemType: 'Competency',
			conceptKeywords: c.levels.map((l) => `level:${l}`),
			notes: [
				`Knowledge: ${c.knowledge.join('; ')}`,
				`Skills: ${c.skills.join('; ')}`,
				`Values: ${c.values.join('; ')}`,
				`Expected at: ${c.levels.map((l) => levelTitle.get(l) ?? l).join(', ')}`,
				`Sources: ${c.sources.join(', ')}`
			].join('\n'),
			language: fw.info.language,
			lastChangeDateTime: when
		}))
	];
	const link = (item: { identifier: string; uri: string; fullStatement: string }) => ({
		title: item.fullStatement.slice(0, 200),
		identifier: item.identifier,
		uri: item.uri
	});
	const trackItem = new Map(items.slice(0, fw.tracks.length).map((it, i) => [fw.tracks[i].id, it]));
	const associations = items.map((item, i) => {
		const parent = i < fw.tracks.length ? null : trackItem.get(fw.competencies[i - fw.tracks.length].track)!;
		const id = caseId('association', `${item.identifier}:isChildOf`);
		return {
			identifier: id,
			uri: uri('CFAssociation', id),
			associationType: 'isChildOf',
			sequenceNumber: i + 1,
			originNodeURI: link(item),
			destinationNodeURI: parent ? link(parent) : docLink,
			lastChangeDateTime: when
		};
	});
	return {
		CFDocument: {
			identifier: docId,
			uri: docLink.uri,
			creator: fw.info.creator,
			title: fw.info.title,
			lastChangeDateTime: when,
			publisher: fw.info.publisher,
			description: fw.info.description,
			language: fw.info.language,
			version: fw.info.version,
			caseVersion: '1.1',
			adoptionStatus: 'Adopted',
			officialSourceURL: `${origin}/framework`
		},
		CFItems: items,
		CFAssociations: associations
	};
}
