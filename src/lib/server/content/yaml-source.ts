// YAML with line numbers, so every content problem can be reported as file:line.
import { LineCounter, parseDocument, isMap, isSeq, type Document, type ErrorCode, type Node } from 'yaml';

export interface Source {
	file: string;
	doc: Document.Parsed;
	/** line of the node at the path, or of its nearest existing parent */
	line(path: (string | number)[]): number;
	/** the parser's errors: its English message (content:check prints it) and its code (the editor says it in words) */
	errors: { line: number; message: string; yamlCode: ErrorCode }[];
}

export function parseYaml(file: string, text: string, firstLine = 1): Source {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number) => counter.linePos(offset).line + firstLine - 1;
	const line = (path: (string | number)[]) => {
		for (let n = path.length; n >= 0; n--) {
			const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null;
			if (node && 'range' in node && node.range) return lineAt(node.range[0]);
		}
		return firstLine;
	};
	const errors = doc.errors.map((e) => ({
		line: lineAt(e.pos[0]),
		message: e.message.split('\n')[0],
		yamlCode: e.code
	}));
	return { file, doc, line, errors };
}

export function isList(v: unknown): v is unknown[] {
	return Array.isArray(v);
}

export { isMap, isSeq };
