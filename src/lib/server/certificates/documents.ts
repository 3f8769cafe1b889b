// The certificate as a PDF (rendered on request from the stored row, so a revocation shows at once).
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { renderCertificatePdf, type CertificateLabels } from './pdf';
import { formatVerificationCode } from './code';
import { competencyTitles } from './forms';
import { recognitionLine } from './recognition';
import { verifyUrl } from './verification';

export function certificateLabels(): CertificateLabels {
	return {
		title: m.pdf_title(),
		certifies: m.pdf_certifies(),
		completed: m.pdf_completed(),
		competencies: m.pdf_competencies(),
		issued: m.pdf_issued(),
		expires: m.pdf_expires(),
		noExpiry: m.cert_no_expiry(),
		provider: m.pdf_provider(),
		code: m.pdf_code(),
		verifyAt: m.pdf_verify_at(),
		revoked: m.pdf_revoked(),
		more: (count: number) => m.pdf_more({ count })
	};
}

interface CertificateRow {
	code: string;
	holderName: string;
	issuedOn: Date;
	expiresOn: Date | null;
	revokedAt: Date | null;
	revokedOn: Date | null;
	source: string;
	externalNumber: string | null;
	competencies: string[];
	/** the title it was issued under */
	programmeTitle: string | null;
	programme: {
		title: string;
		recognitionStatus: string;
		governmentRecognised: boolean;
		approvedProvider: boolean;
		recognitionReference: string | null;
		recognitionDate: Date | null;
		provider: { name: string };
	};
}

export function certificatePdf(c: CertificateRow) {
	let locale = 'en';
	try {
		locale = getLocale();
	} catch {
		// outside a request (benchmarks, jobs): English
	}
	const fmt = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
	return renderCertificatePdf({
		holderName: c.holderName || m.erase_former_holder(), // emptied when the holder was erased on request
		programmeTitle: c.programmeTitle ?? c.programme.title,
		recognitionLine: recognitionLine(c.programme),
		sourceLine:
			c.source === 'RECORDED'
				? c.externalNumber
					? m.verify_recorded_number({ provider: c.programme.provider.name, number: c.externalNumber })
					: m.verify_recorded({ provider: c.programme.provider.name })
				: null,
		competencies: competencyTitles(c.competencies),
		issuedOn: c.issuedOn,
		expiresOn: c.expiresOn,
		providerName: c.programme.provider.name,
		code: formatVerificationCode(c.code),
		verifyUrl: verifyUrl(c.code),
		// revoked once its effective date has come (a revocation decided for next month leaves today's PDF valid)
		status: c.revokedOn && c.revokedOn <= new Date() ? 'revoked' : null,
		labels: certificateLabels(),
		formatDate: (d) => fmt.format(d)
	});
}
