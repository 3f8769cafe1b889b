// `npm run bench`: speed figures, each as a median or p95 and a ratio to a floor measured in the same run.
//   content:check on 1,000 generated modules — floor: reading and hashing the same 1,000 files.
//   one worker's CPD compliance (on the `npm run seed:national` data), p95 — floor: one indexed lookup.
//   memory (RSS) while streaming the whole national cohort's compliance CSV.
//   the coordinator dashboard (2,000 placements, 200,000 hours entries), p95 — floor: one indexed lookup.
//   1,000 certificate PDFs — floor: pdfkit writing 1,000 one-page PDFs with the same fonts and QR code.
//   the indicator report (all three indicators, one region of the national data), p95 — floor: count(*) over certificates.
//   the workforce import of 200,000 workers as one job, and its peak RSS — floor: COPY of the same file
//   (scripts/bench-import.ts).
//   requests/s of the logged-in module page and of certificate verification against a framework floor (a SvelteKit
//   endpoint of the same build returning the same bytes) and a physical floor (bare node:http), and server RSS
//   (scripts/bench-http.ts).
//   GET /login p95 while the costliest accepted credential is posted to /api/v1/credentials/verify at its rate limit,
//   against the idle p95 of the same run (scripts/bench-verify.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadContent } from '../src/lib/server/content/load.ts';
import { fromDate, toDate } from '../src/lib/calendar-day.ts';

const RUNS = 5;

function median(xs: number[]) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
	const t = performance.now();
	fn();
	return performance.now() - t;
}

/** A content folder with n modules: copies of the real ones under new ids (links to other modules made plain text). */
export function generateContent(n: number): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credo-bench-'));
	fs.cpSync('content/framework', path.join(dir, 'framework'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'modules/generated'), { recursive: true });
	const sources = loadContent().content.modules.filter((m) => !m.draft);
	for (let i = 0; i < n; i++) {
		const src = sources[i % sources.length];
		const id = `${src.id}-g${i}`;
		const text = fs
			.readFileSync(src.file, 'utf8')
			.replace(`id: ${src.id}`, `id: ${id}`)
			.replace(/\[([^\]]*)\]\(\/learn\/[^)]*\)/g, '$1');
		fs.writeFileSync(path.join(dir, 'modules/generated', `${id}.md`), text);
	}
	return dir;
}

// `npm run bench -- --national`: only the figures computed in this process on the national data (compliance,
// dashboard, report, export memory), without the content check, the PDFs, the import and the request benchmarks
const nationalOnly = process.argv.includes('--national');
if (!nationalOnly) {
	const dir = generateContent(1000);
	const files = fs.readdirSync(path.join(dir, 'modules/generated')).map((f) => path.join(dir, 'modules/generated', f));
	const floor = median(
		Array.from({ length: RUNS }, () =>
			time(() => {
				for (const f of files) createHash('sha256').update(fs.readFileSync(f)).digest('hex');
			})
		)
	);
	let problems = 0;
	const check = median(
		Array.from({ length: RUNS }, () =>
			time(() => {
				problems = loadContent(dir).problems.length;
			})
		)
	);
	fs.rmSync(dir, { recursive: true, force: true });

	console.log(
		`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`
	);
	console.log(
		`content:check, ${files.length} modules: median ${(check / 1000).toFixed(2)} s (target < 5 s), ${problems} problems`
	);
	console.log(
		`  floor (read + sha-256 of the same files): ${(floor / 1000).toFixed(3)} s → ratio ${(check / floor).toFixed(1)}×`
	);
	if (problems) process.exitCode = 1;
}

// ── certificate PDFs ───────────────────────────────────────────────────────────────────────────────────────────
if (!nationalOnly) {
	const { certificatePdf, certificateLabels } = await import('../src/lib/server/certificates/documents.ts');
	const { renderPlainPdfFloor } = await import('../src/lib/server/certificates/pdf.ts');
	const { newVerificationCode, formatVerificationCode } = await import('../src/lib/server/certificates/code.ts');
	const competencies = loadContent().content.modules.find((m) => m.id === 'care-gatekeeping')!.competencies;
	const row = (i: number) => ({
		code: newVerificationCode(),
		holderName: `Amélie Nguyễn-Ødegård ${i}`,
		issuedOn: toDate('2026-06-12'),
		expiresOn: toDate('2027-06-11'),
		revokedAt: null,
		competencies,
		programme: {
			title: 'Child protection in-service course (five days)',
			recognitionStatus: 'CONFIRMED',
			governmentRecognised: true,
			approvedProvider: true,
			recognitionReference: 'MGCSW/CP/2026/014',
			recognitionDate: toDate('2026-03-02'),
			provider: { name: 'Credo Academy' }
		}
	});
	const N = 1000;
	await certificatePdf(row(0)); // fonts read once, as in the server
	let t = performance.now();
	for (let i = 0; i < N; i++)
		await renderPlainPdfFloor({
			holderName: `Amélie Nguyễn-Ødegård ${i}`,
			programmeTitle: 'Child protection in-service course (five days)',
			recognitionLine: null,
			competencies: [],
			issuedOn: new Date(),
			expiresOn: null,
			providerName: 'Credo Academy',
			code: formatVerificationCode(newVerificationCode()),
			verifyUrl: 'http://localhost:3000/verify/7K3M-Q9XD-2HVB-T6RP-W',
			labels: certificateLabels(),
			formatDate: fromDate
		});
	const floorPdf = performance.now() - t;
	t = performance.now();
	for (let i = 0; i < N; i++) await certificatePdf(row(i));
	const pdfs = performance.now() - t;
	console.log(`${N.toLocaleString()} certificate PDFs: ${(pdfs / 1000).toFixed(1)} s (target ≤ 3× floor)`);
	console.log(
		`  floor (pdfkit, ${N.toLocaleString()} one-page PDFs, same fonts and QR code): ${(floorPdf / 1000).toFixed(1)} s → ratio ${(pdfs / floorPdf).toFixed(2)}×`
	);
}

// ── on the national data ─────────────────────────────────────────────────────────────────────────────────────
if (!process.env.DATABASE_URL) {
	const { ensureEmbeddedPostgres } = await import('./lib/postgres.js');
	const p = await ensureEmbeddedPostgres({ name: 'pg', database: 'credo' });
	process.env.DATABASE_URL = p.url;
	process.on('exit', () => void p.stop());
}
// the workforce import of 200,000 workers, in its own process so its peak RSS is the import's own
if (!nationalOnly) {
	const { spawnSync } = await import('node:child_process');
	const r = spawnSync('npx', ['tsx', 'scripts/bench-import.ts', '200000'], { stdio: 'inherit', env: process.env });
	if (r.status) process.exitCode = 1;
	// and 300,000 historical certificates recorded from a provider's records
	const c = spawnSync('npx', ['tsx', 'scripts/bench-certificates.ts', '300000'], {
		stdio: 'inherit',
		env: process.env
	});
	if (c.status) process.exitCode = 1;
}
const { db } = await import('../src/lib/server/db.ts');
const { cycleCompliance } = await import('../src/lib/server/licensing/compliance-data.ts');
const { complianceCsv } = await import('../src/lib/server/licensing/export.ts');
const { csvStream } = await import('../src/lib/server/csv/writer.ts');
const nat = await db.jurisdiction.findUnique({ where: { code: 'NAT' } });
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
if (!nat) {
	console.log('no national data: run `npm run seed:national` first for the compliance and export figures');
} else {
	const total = await db.licence.count({ where: { jurisdictionId: nat.id } });
	const sample = await db.$queryRaw<
		{ id: string; number: string }[]
	>`select id, number from licences where jurisdiction_id = ${nat.id}::uuid order by number offset 0 limit 100000`;
	const picks = Array.from({ length: 300 }, (_, i) => sample[Math.floor((i * 7919) % sample.length)]);
	// warm up: every pick once, so both figures are measured with the same (cached) pages
	for (const p of picks) await cycleCompliance(p.id);
	// the floor on both clients compliance uses (its main statement is a named statement of the hot pool, the rest
	// Prisma); the ratio is to the faster of the two, the stricter floor
	const { hotPool, named } = await import('../src/lib/server/hot/pool.ts');
	const byNumber = named('bench-lookup', 'select id from licences where jurisdiction_id = $1::uuid and number = $2');
	const lookup: number[] = [];
	const hotLookup: number[] = [];
	const comp: number[] = [];
	for (const p of picks) {
		let t = performance.now();
		await db.$queryRaw`select id from licences where jurisdiction_id = ${nat.id}::uuid and number = ${p.number}`;
		lookup.push(performance.now() - t);
		t = performance.now();
		await hotPool().query({ ...byNumber, values: [nat.id, p.number] });
		hotLookup.push(performance.now() - t);
		t = performance.now();
		await cycleCompliance(p.id);
		comp.push(performance.now() - t);
	}
	const entries = await db.cpdEntry.count({ where: { jurisdictionId: nat.id } });
	console.log(`national data: ${total.toLocaleString()} licences, ${entries.toLocaleString()} CPD entries`);
	console.log(`one worker's compliance, p95 over ${picks.length}: ${p95(comp).toFixed(2)} ms (target ≤ 2× floor)`);
	const floor = Math.min(p95(lookup), p95(hotLookup));
	console.log(
		`  floor (one indexed lookup by licence number: Prisma ${p95(lookup).toFixed(2)} ms, hot pool ${p95(hotLookup).toFixed(2)} ms): ${floor.toFixed(2)} ms → ratio ${(p95(comp) / floor).toFixed(1)}×`
	);

	const { cohort } = await import('../src/lib/server/practicum/cohort.ts');
	const uni = await db.organisation.findUnique({ where: { slug: 'nat-org-6' } });
	if (uni) {
		const placements = await db.placement.count({ where: { universityId: uni.id } });
		const hours = await db.practicumLog.count({ where: { jurisdictionId: nat.id } });
		const dash: number[] = [];
		const one: number[] = [];
		await cohort(uni.id, 14);
		for (let i = 0; i < 30; i++) {
			let t = performance.now();
			await db.$queryRaw`select id from placements where id = ${picks[i].id}::uuid`;
			one.push(performance.now() - t);
			t = performance.now();
			await cohort(uni.id, 14);
			dash.push(performance.now() - t);
		}
		console.log(
			`coordinator dashboard, ${placements.toLocaleString()} placements / ${hours.toLocaleString()} hours entries, p95 over 30: ${p95(dash).toFixed(1)} ms`
		);
		console.log(
			`  floor (one indexed lookup): ${p95(one).toFixed(2)} ms → ratio ${(p95(dash) / p95(one)).toFixed(0)}×`
		);
	}

	{
		// the indicator page's work: context, filters, the indicators and the QA scorecard, as /reports/indicators does
		const { reportContext } = await import('../src/lib/server/indicators/context.ts');
		const { parseFilters } = await import('../src/lib/server/indicators/filters.ts');
		const { indicatorReport } = await import('../src/lib/server/indicators/report.ts');
		const { scorecard } = await import('../src/lib/server/indicators/qa.ts');
		const admin = {
			id: 'bench',
			email: 'bench@credo',
			name: 'Bench',
			emailVerified: true,
			locale: 'en',
			memberships: [
				{ id: 'm', role: 'ADMIN' as const, organisationId: null, jurisdictionId: null, orgJurisdictionId: null }
			]
		};
		const certificates = await db.certificate.count({ where: { jurisdictionId: nat.id } });
		const page = async () => {
			const ctx = await reportContext(admin, 'NAT');
			const f = parseFilters(ctx, new URLSearchParams('area=R1&date=2026-11-01&year=2025&version=strict'));
			if (!f.ok) throw new Error(JSON.stringify(f.errors));
			return Promise.all([indicatorReport(ctx, f.filters), scorecard(ctx.jurisdiction!.id, f.filters.year)]);
		};
		const countAll = () => db.$queryRaw`select count(*) from certificates`;
		for (let i = 0; i < 3; i++) await Promise.all([page(), countAll()]);
		const rep: number[] = [];
		const cnt: number[] = [];
		for (let i = 0; i < 30; i++) {
			let t = performance.now();
			await page();
			rep.push(performance.now() - t);
			t = performance.now();
			await countAll();
			cnt.push(performance.now() - t);
		}
		console.log(
			`indicator report (three indicators, region R1), ${certificates.toLocaleString()} certificates, p95 over 30: ${p95(rep).toFixed(0)} ms (target ≤ 5× floor)`
		);
		console.log(
			`  floor (select count(*) from certificates): ${p95(cnt).toFixed(1)} ms → ratio ${(p95(rep) / p95(cnt)).toFixed(1)}×`
		);

		// publishing the whole nation's report (every worker counted, with their cells and certificates) and its
		// "recomputed now" comparison, each against count(*) over certificates measured around it
		const published = await import('../src/lib/server/indicators/published.ts');
		const someone = await db.user.findFirstOrThrow({ select: { id: true } });
		const publisher = { ...admin, id: someone.id };
		const ctx = await reportContext(publisher, 'NAT');
		const f = parseFilters(ctx, new URLSearchParams('date=2026-11-01&year=2025&version=strict'));
		if (!f.ok) throw new Error(JSON.stringify(f.errors));
		const floor = async () => {
			const xs: number[] = [];
			for (let i = 0; i < 5; i++) {
				const t = performance.now();
				await countAll();
				xs.push(performance.now() - t);
			}
			return Math.min(...xs);
		};
		const before = await floor();
		let t = performance.now();
		const id = await published.publishReport(
			publisher,
			ctx,
			f.filters,
			{ title: 'bench' },
			published.scopeOf(ctx, f.filters)
		);
		const publishMs = performance.now() - t;
		const rows = await db.publishedReportRow.count({ where: { reportId: id } });
		const report = await published.publishedReportFor(publisher, id);
		t = performance.now();
		const now = await published.recomputedNow(ctx, report);
		const recomputeMs = performance.now() - t;
		const after = await floor();
		const base = Math.min(before, after);
		await db.publishedReport.delete({ where: { id } }); // the bench's own report (the app never deletes one)
		console.log(
			`publishing the national report: ${rows.toLocaleString()} workers stored with their cells in ${(publishMs / 1000).toFixed(1)} s → ratio ${(publishMs / base).toFixed(0)}× count(*) over certificates (${base.toFixed(1)} ms)`
		);
		console.log(
			`  recomputed now and compared worker by worker (${now.changed} moved): ${(recomputeMs / 1000).toFixed(1)} s → ratio ${(recomputeMs / base).toFixed(0)}×`
		);
	}

	// the request benchmarks build and start the server: not with --national
	if (!nationalOnly) {
		const [c] = await db.$queryRaw<
			{ code: string }[]
		>`select code from certificates where jurisdiction_id = ${nat.id}::uuid and revoked_at is null order by code limit 1`;
		const { benchRequests, ensureExporter } = await import('./bench-http.ts');
		const exporter = await ensureExporter();
		await benchRequests(process.env.DATABASE_URL!, c.code, 'worker1@national.credo.test', 'credo-demo-2026', exporter);
	}
	// the credential-verification endpoint at its rate limit with the costliest accepted credential, in its own process
	if (!nationalOnly) {
		const { spawnSync } = await import('node:child_process');
		const v = spawnSync('npx', ['tsx', 'scripts/bench-verify.ts'], { stdio: 'inherit', env: process.env });
		if (v.status) process.exitCode = 1;
	}

	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	const t = performance.now();
	let bytes = 0;
	let rows = 0;
	const reader = csvStream(complianceCsv([nat.id])).getReader();
	for (let r = await reader.read(); !r.done; r = await reader.read()) {
		bytes += r.value.byteLength;
		for (const b of r.value) if (b === 10) rows++;
	}
	clearInterval(timer);
	console.log(
		`compliance export streamed in this process (no heap flags): ${rows.toLocaleString()} lines, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS ${(base / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - base) / 2 ** 20).toFixed(0)} MiB)`
	);
}
await db.$disconnect();
process.exit(process.exitCode ?? 0);
