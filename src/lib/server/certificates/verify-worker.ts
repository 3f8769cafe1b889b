// Runs in the credential-verification worker threads (credentials.ts, via piscina), never on the request thread:
// JSON-LD expansion and RDF canonicalisation are CPU work that a crafted credential can make expensive. The issuer
// documents the proof may need are looked up by the caller (the database stays on the main thread) and passed in;
// nothing else is fetched. Loaded with `--import tsx`, so it may import the TypeScript module beside it.
import { makeDocumentLoader, verifySignedCredential } from './badges.ts';
import { checkRevocation, type StatusCheck } from './credential-checks.ts';

export interface VerifyTask {
	credential: unknown;
	/** url → document, for the issuer profile and key the proof names */
	documents: Record<string, object>;
	/** ISO time the validity period is checked against */
	now?: string;
	/** also check the credential's status list (its document and its issuer's are among `documents`) */
	status?: boolean;
}

export interface VerifyResult {
	verified: boolean;
	error?: string;
	/** when asked and the signature holds */
	status?: StatusCheck;
}

export default async function verify(task: VerifyTask): Promise<VerifyResult> {
	const documents = new Map(Object.entries(task.documents));
	const loader = makeDocumentLoader(async (url) => documents.get(url) ?? null);
	const sig = await verifySignedCredential(task.credential, loader, task.now ? new Date(task.now) : undefined);
	if (!sig.verified || !task.status) return sig;
	return { ...sig, status: await checkRevocation(task.credential as object, loader) };
}
