// What the export tests type into names and notes: each would run as a formula in a spreadsheet (OWASP CSV injection).
import { parse } from 'csv-parse/sync';

export const FORMULAS = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tleading tab'];

/** The rows of a downloaded CSV, keyed by header. */
export const csvRecords = (csv: string): Record<string, string>[] => parse(csv, { columns: true });
