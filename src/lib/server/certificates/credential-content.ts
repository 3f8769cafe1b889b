// What an Open Badges credential says about the achievement beyond its name and criteria: its type, its badge image,
// the evidence the programme's rules were met with, the CPD credits of its modules, and its alignments to the
// framework's CASE items. Written in English, like the rest of the credential (a wallet shows it as signed).
import { db } from '../db';
import { getContent } from '../content';
import { competencyItemUri } from '../learning/case';
import { m } from '$lib/paraglide/messages';
import { fromDate } from '$lib/calendar-day';
import { match as isUuid } from '../../../params/uuid';
import { badgeUrl } from './badge-image';
import { issuerBase } from './origin';
import { buildAchievementCredential, type AchievementCredentialInput, type CredentialEvidence } from './badges';

/**
 * OB 3.0 AchievementType of every Credo certificate: "Certificate", a credential that designates the knowledge and
 * skills of an occupation (assessed modules, aligned competencies). Not "CertificateOfCompletion" (attendance alone),
 * nor "Certification" (awarded by an authoritative body, renewable).
 */
export const ACHIEVEMENT_TYPE = 'Certificate';

/** The evidence stored on a certificate (eligibility.ts Snapshot); anything else in it is ignored. */
interface StoredEvidence {
	modules?: { moduleId?: unknown; moduleVersionId?: unknown; score?: unknown }[];
	eventId?: unknown;
	practicumHours?: unknown;
	supervisionHours?: unknown;
}

export interface EvidenceFacts {
	/** module versions named in the evidence: their title, version and CPD credits */
	versions: Map<string, { title: string; version: string; credits: number }>;
	event: { title: string; startsOn: Date; endsOn: Date } | null;
	rules: {
		minScore: Map<string, number>;
		minPracticumHours: number | null;
		minSupervisionHours: number | null;
	};
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const en = { locale: 'en' } as const;

/**
 * The evidence as OB 3.0 Evidence objects: one per module passed (its score), the event attended, the practicum and
 * supervision hours. Nothing about the holder beyond what met the rules. Pure.
 */
export function evidenceOf(stored: unknown, facts: EvidenceFacts): CredentialEvidence[] {
	const ev = (stored && typeof stored === 'object' ? stored : {}) as StoredEvidence;
	const out: CredentialEvidence[] = [];
	for (const mod of Array.isArray(ev.modules) ? ev.modules : []) {
		const version = typeof mod?.moduleVersionId === 'string' ? facts.versions.get(mod.moduleVersionId) : undefined;
		const score = num(mod?.score);
		if (!version || score === null) continue;
		const min = typeof mod.moduleId === 'string' ? facts.rules.minScore.get(mod.moduleId) : undefined;
		out.push({
			name: m.badge_evidence_module({ title: version.title }, en),
			description:
				min === undefined
					? m.badge_evidence_module_score({ score, version: version.version }, en)
					: m.badge_evidence_module_score_min({ score, min, version: version.version }, en),
			genre: 'Assessment'
		});
	}
	if (facts.event && typeof ev.eventId === 'string')
		out.push({
			name: m.badge_evidence_event({ title: facts.event.title }, en),
			description: m.badge_evidence_event_days(
				{ from: fromDate(facts.event.startsOn), to: fromDate(facts.event.endsOn) },
				en
			),
			genre: 'Attendance'
		});
	const practicum = num(ev.practicumHours);
	if (practicum !== null && facts.rules.minPracticumHours)
		out.push({
			name: m.badge_evidence_practicum({}, en),
			description: m.badge_evidence_practicum_hours({ hours: practicum, need: facts.rules.minPracticumHours }, en),
			genre: 'Hours'
		});
	const supervision = num(ev.supervisionHours);
	if (supervision !== null && facts.rules.minSupervisionHours)
		out.push({
			name: m.badge_evidence_supervision({}, en),
			description: m.badge_evidence_supervision_hours(
				{ hours: supervision, need: facts.rules.minSupervisionHours },
				en
			),
			genre: 'Hours'
		});
	return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

interface CertificateForContent {
	competencies: string[];
	evidence: unknown;
	programme: {
		id: string;
		code: string;
		title: string;
		minPracticumHours: { toString(): string } | null;
		minSupervisionHours: { toString(): string } | null;
		provider: { slug: string; name: string };
		modules: { moduleId: string; minScore: number }[];
	};
}

/**
 * The credential input with this content added: achievement type, badge image, CPD credits (the modules' credits:
 * available from the programme's modules, earned from the module versions passed; none for a programme without
 * modules), evidence, and one alignment per competency to its CASE item.
 */
export async function withCredentialContent(
	c: CertificateForContent,
	input: AchievementCredentialInput
): Promise<AchievementCredentialInput> {
	const p = c.programme;
	const { framework, modules } = getContent();
	const ev = (c.evidence && typeof c.evidence === 'object' ? c.evidence : {}) as StoredEvidence;
	const versionIds = (Array.isArray(ev.modules) ? ev.modules : [])
		.map((x) => x?.moduleVersionId)
		.filter((id): id is string => typeof id === 'string' && isUuid(id));
	const [versions, event] = await Promise.all([
		versionIds.length
			? db.moduleVersion.findMany({
					where: { id: { in: versionIds } },
					select: { id: true, title: true, version: true, credits: true }
				})
			: [],
		typeof ev.eventId === 'string' && isUuid(ev.eventId)
			? db.trainingEvent.findFirst({
					where: { id: ev.eventId, programmeId: p.id },
					select: { title: true, startsOn: true, endsOn: true }
				})
			: null
	]);
	const facts: EvidenceFacts = {
		versions: new Map(versions.map((v) => [v.id, { title: v.title, version: v.version, credits: Number(v.credits) }])),
		event,
		rules: {
			minScore: new Map(p.modules.map((x) => [x.moduleId, x.minScore])),
			minPracticumHours: p.minPracticumHours ? Number(p.minPracticumHours) : null,
			minSupervisionHours: p.minSupervisionHours ? Number(p.minSupervisionHours) : null
		}
	};
	const credits = new Map(modules.map((mod) => [mod.id, mod.credits]));
	const available = round2(p.modules.reduce((s, x) => s + (credits.get(x.moduleId) ?? 0), 0));
	const earned = round2(versionIds.reduce((s, id) => s + (facts.versions.get(id)?.credits ?? 0), 0));
	const competency = new Map(framework.competencies.map((x) => [x.id, x]));
	const base = issuerBase();
	return {
		...input,
		achievement: {
			...input.achievement,
			achievementType: ACHIEVEMENT_TYPE,
			humanCode: p.code,
			image: {
				id: badgeUrl(p.provider.slug, p.id),
				caption: m.badge_image_caption({ title: p.title, provider: p.provider.name }, en)
			},
			...(available > 0 && { creditsAvailable: available }),
			competencies: c.competencies.map((id) => ({
				id,
				title: competency.get(id)?.title ?? id,
				url: competencyItemUri(base, id),
				framework: framework.info.title
			}))
		},
		...(available > 0 && { creditsEarned: earned }),
		evidence: evidenceOf(c.evidence, facts)
	};
}

/** The unsigned credential of `input` with this content (what credentialFor signs). */
export async function credentialWithContent(c: CertificateForContent, input: AchievementCredentialInput) {
	return buildAchievementCredential(await withCredentialContent(c, input));
}

/**
 * Whether a stored credential lacks the content above (signed before it existed): such a credential is signed again
 * on its next download. The type and the CASE alignments are the mark: every credential made here has both.
 */
export function lacksCurrentContent(stored: unknown): boolean {
	const achievement = (stored as { credentialSubject?: { achievement?: Record<string, unknown> } } | null)
		?.credentialSubject?.achievement;
	if (!achievement || achievement.achievementType !== ACHIEVEMENT_TYPE || !achievement.image) return true;
	const alignment = Array.isArray(achievement.alignment) ? achievement.alignment : [];
	return alignment.some((a) => !(a as { targetFramework?: unknown })?.targetFramework);
}
