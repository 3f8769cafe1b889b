// Minimal typings for @digitalbazaar/vc-bitstring-status-list (untyped): only what status-list.ts, status-check.ts
// and their tests call.
declare module '@digitalbazaar/vc-bitstring-status-list' {
	import type { DocumentLoader } from '@digitalbazaar/vc';
	import type { DataIntegrityProof } from '@digitalbazaar/data-integrity';

	export class BitstringStatusList {
		length: number;
		setStatus(index: number, status: boolean): void;
		getStatus(index: number): boolean;
		encode(): Promise<string>;
	}
	export function createList(options: { length: number }): Promise<BitstringStatusList>;
	export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
	export function createCredential(options: {
		id: string;
		list: BitstringStatusList;
		statusPurpose: string;
		context?: string[];
	}): Promise<{
		'@context': string[];
		id: string;
		type: ['VerifiableCredential', 'BitstringStatusListCredential'];
		credentialSubject: { id: string; type: 'BitstringStatusList'; encodedList: string; statusPurpose: string };
	}>;
	export interface StatusResult {
		verified: boolean;
		error?: Error;
		results?: { verified: boolean; status: boolean; credentialStatus: { statusListCredential: string } }[];
	}
	export function checkStatus(options: {
		credential: object;
		documentLoader: DocumentLoader;
		suite?: DataIntegrityProof | DataIntegrityProof[];
		verifyBitstringStatusListCredential?: boolean;
		verifyMatchingIssuers?: boolean;
	}): Promise<StatusResult>;
}
