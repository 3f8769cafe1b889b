// The framework as a 1EdTech CASE 1.1 package, and the objects of the CASE 1.1 REST service cut from it (one builder).
// Identifiers are UUID v5 of the stable ids under one namespace, so the same framework always exports the same UUIDs
// and an importer can update rather than duplicate; each `uri` is the object's address on the REST paths.
import { v5 as uuidv5 } from 'uuid';
import type { Framework } from '../content/types';

/** Credo's CASE namespace (a random UUID fixed once; never change it). */
export const CASE_NAMESPACE = '5b0f1c9e-7f3a-4c61-9d2e-3a8b6f4e2c17';

export const caseId = (kind: 'document' | 'track' | 'competency' | 'association', key: string) =>
	uuidv5(`${kind}:${key}`, CASE_NAMESPACE);

/** Where the CASE 1.1 REST service answers, below the base address. */
export const CASE_PATH = '/ims/case/v1p1';
type Collection = 'CFDocuments' | 'CFPackages' | 'CFItems' | 'CFAssociations';

/** The address of one CASE object on the REST paths: every `uri` of the package is one, so each link resolves. */
export const caseUri = (base: string, collection: Collection, identifier: string) =>
	`${base}${CASE_PATH}/${collection}/${identifier}`;

/** The one framework document (its identifier is also the package's). */
export const CASE_DOCUMENT_ID = caseId('document', 'credo-framework');

/** The CFItem address of a competency (by its framework id, e.g. JUS.DIVERSION): what credentials align to. */
export const competencyItemUri = (base: string, competencyId: string) =>
	caseUri(base, 'CFItems', caseId('competency', competencyId));

export function casePackage(fw: Framework, origin: string) {
	const when = fw.info.lastChangeDateTime;
	const docId = CASE_DOCUMENT_ID;
	const uri = (kind: 'CFDocument' | 'CFItem' | 'CFAssociation', id: string) => caseUri(origin, `${kind}s`, id);
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

type CasePackage = ReturnType<typeof casePackage>;

// The package of a framework at a base address, built once (getContent() keeps one framework until it is reloaded).
const built = new WeakMap<Framework, Map<string, { pkg: CasePackage; byId: Map<string, object> }>>();

function indexed(fw: Framework, base: string) {
	let perBase = built.get(fw);
	if (!perBase) built.set(fw, (perBase = new Map()));
	let hit = perBase.get(base);
	if (!hit) {
		const pkg = casePackage(fw, base);
		const docLink = { title: pkg.CFDocument.title, identifier: pkg.CFDocument.identifier, uri: pkg.CFDocument.uri };
		const byId = new Map<string, object>();
		// outside a package, items and associations name their document, and the document its package (CASE 1.1)
		for (const item of pkg.CFItems) byId.set(`CFItems/${item.identifier}`, { ...item, CFDocumentURI: docLink });
		for (const a of pkg.CFAssociations) byId.set(`CFAssociations/${a.identifier}`, { ...a, CFDocumentURI: docLink });
		const packageLink = { ...docLink, uri: caseUri(base, 'CFPackages', pkg.CFDocument.identifier) };
		byId.set(`CFDocuments/${pkg.CFDocument.identifier}`, { ...pkg.CFDocument, CFPackageURI: packageLink });
		byId.set(`CFPackages/${pkg.CFDocument.identifier}`, pkg);
		hit = { pkg, byId };
		if (perBase.size > 4) perBase.clear(); // a base changes only with configuration: keep a few, never a growing map
		perBase.set(base, hit);
	}
	return hit;
}

/** GET CFDocuments: every framework document Credo publishes (one). */
export function caseDocuments(fw: Framework, base: string) {
	return { CFDocuments: [indexed(fw, base).byId.get(`CFDocuments/${CASE_DOCUMENT_ID}`)!] };
}

/** GET CFDocuments/{id}, CFPackages/{id}, CFItems/{id} or CFAssociations/{id}: the object, or null when unknown. */
export function caseObject(fw: Framework, base: string, collection: Collection, identifier: string) {
	return indexed(fw, base).byId.get(`${collection}/${identifier.toLowerCase()}`) ?? null;
}

/** The answer CASE 1.1 gives for an unknown identifier (imsx_StatusInfo, code minor "unknownobject"). */
export const caseNotFound = (identifier: string) => ({
	imsx_codeMajor: 'failure',
	imsx_severity: 'error',
	imsx_description: `No object with the identifier ${identifier.slice(0, 100)}`,
	imsx_CodeMinor: {
		imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'sourcedId', imsx_codeMinorFieldValue: 'unknownobject' }]
	}
});
