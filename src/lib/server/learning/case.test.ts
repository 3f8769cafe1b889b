import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { loadContent } from '../content/load';
import { casePackage, caseId, CASE_NAMESPACE } from './case';

const schema = JSON.parse(fs.readFileSync('tests/fixtures/case-1.1-cfpackage.schema.json', 'utf8'));
const { framework } = loadContent().content;

describe('CASE 1.1 export', () => {
	const pkg = casePackage(framework, 'https://credo.example.org');

	it('validates against the official CASE 1.1 CFPackage schema', () => {
		const ajv = new Ajv2019({ strict: false, allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		const ok = validate(pkg);
		expect(validate.errors ?? []).toEqual([]);
		expect(ok).toBe(true);
	});

	it('has one CFItem per track and competency, each a child of its track or of the document', () => {
		expect(pkg.CFItems).toHaveLength(framework.tracks.length + framework.competencies.length);
		expect(pkg.CFAssociations.every((a) => a.associationType === 'isChildOf')).toBe(true);
		const diversion = pkg.CFItems.find((i) => i.humanCodingScheme === 'JUS.DIVERSION')!;
		const assoc = pkg.CFAssociations.find((a) => a.originNodeURI.identifier === diversion.identifier)!;
		expect(assoc.destinationNodeURI.identifier).toBe(caseId('track', 'justice'));
		const track = pkg.CFAssociations.find((a) => a.originNodeURI.identifier === caseId('track', 'justice'))!;
		expect(track.destinationNodeURI.identifier).toBe(pkg.CFDocument.identifier);
	});

	it('derives UUIDs deterministically (v5) from the stable ids', () => {
		const again = casePackage(framework, 'https://elsewhere.example');
		expect(again.CFItems.map((i) => i.identifier)).toEqual(pkg.CFItems.map((i) => i.identifier));
		expect(caseId('competency', 'JUS.DIVERSION')).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		expect(CASE_NAMESPACE).toBe('5b0f1c9e-7f3a-4c61-9d2e-3a8b6f4e2c17');
		expect(new Set(pkg.CFItems.map((i) => i.identifier)).size).toBe(pkg.CFItems.length);
	});
});
