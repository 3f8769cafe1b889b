// content:check speaks to developers, in English (validate.ts, bank-check.ts, load.ts, the YAML parser); the module
// editor shows the same problems to a provider, in the reader's language and in plain words. Each message the checkers
// can produce for a module file is recognised here by its pattern and said again as a Credo message (en + fr). A message
// not in the table is shown as it is. Pure: the developer's wording (and the CLI) stays as it is.
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import type { ErrorCode } from 'yaml';

type Options = { locale?: Locale };
type Say = (g: Record<string, string>, o: Options) => string;

/** The field names "missing required field X" can name, as the editor labels them. */
const FIELDS: Record<string, (o: Options) => string> = {
	id: (o) => m.authoring_problem_field_id({}, o),
	version: (o) => m.authoring_problem_field_version({}, o),
	title: (o) => m.authoring_problem_field_title({}, o),
	track: (o) => m.authoring_problem_field_track({}, o),
	level: (o) => m.authoring_problem_field_level({}, o),
	creditCategory: (o) => m.authoring_problem_field_creditCategory({}, o),
	provider: (o) => m.authoring_problem_field_provider({}, o)
};

/** "q1 (key is the longest option), q2 (keys are all but the shortest)" → the same list in the reader's language. */
function biasedList(list: string, o: Options): string {
	const items = [...list.matchAll(/(.+?) \((key is the longest option|keys are all but the shortest)\)(?:, |$)/g)];
	if (!items.length) return list;
	return items
		.map(([, question, why]) =>
			why.startsWith('key ')
				? m.authoring_problem_guessable_single({ question }, o)
				: m.authoring_problem_guessable_multiple({ question }, o)
		)
		.join(', ');
}

/** "12.5 MB" (package.ts's sizes) in the reader's language ("12,5 Mo"); anything else as it is. */
function megabytes(size: string, o: Options): string {
	const hit = /^(\d+(?:\.\d+)?) MB$/.exec(size);
	if (!hit) return size;
	const n = new Intl.NumberFormat(o.locale ?? getLocale(), { maximumFractionDigits: 1 }).format(Number(hit[1]));
	return m.authoring_problem_pkg_megabytes({ size: n }, o);
}

/**
 * Every message template of the checkers, as a pattern with named captures, and what the editor says instead. The
 * order matters where two patterns could match: the more particular one comes first.
 */
export const PROBLEM_TABLE: { key: string; pattern: RegExp; say: Say }[] = [
	// validate.ts — checkModule
	{
		key: 'missing_assessment',
		pattern: /^missing required field assessment$/,
		say: (g, o) => m.authoring_problem_missing_assessment({}, o)
	},
	{
		key: 'missing_credits',
		pattern: /^missing required field credits \(a number\)$/,
		say: (g, o) => m.authoring_problem_missing_credits({}, o)
	},
	{
		key: 'missing_field',
		pattern: /^missing required field (?<field>\S+)$/,
		say: (g, o) => m.authoring_problem_missing_field({ field: FIELDS[g.field]?.(o) ?? g.field }, o)
	},
	{
		key: 'id_file',
		pattern: /^id (?<id>.+) must equal the file name \((?<slug>.*)\)$/,
		say: (g, o) => m.authoring_problem_id_file({ id: g.id, slug: g.slug }, o)
	},
	{
		key: 'version',
		pattern: /^version (?<version>.+) must be a semantic version like 1\.0\.0$/,
		say: (g, o) => m.authoring_problem_version({ version: g.version }, o)
	},
	{
		key: 'unknown_track',
		pattern: /^unknown track id (?<track>.+)$/,
		say: (g, o) => m.authoring_problem_unknown_track({ track: g.track }, o)
	},
	{
		key: 'unknown_level',
		pattern: /^unknown level id (?<level>.+)$/,
		say: (g, o) => m.authoring_problem_unknown_level({ level: g.level }, o)
	},
	{
		key: 'unknown_category',
		pattern: /^unknown credit category (?<category>.+)$/,
		say: (g, o) => m.authoring_problem_unknown_category({ category: g.category }, o)
	},
	{
		key: 'no_competencies',
		pattern: /^competencies must be a non-empty list of competency ids$/,
		say: (g, o) => m.authoring_problem_no_competencies({}, o)
	},
	{
		key: 'unknown_competency',
		pattern: /^unknown competency id (?<competency>.+)$/,
		say: (g, o) => m.authoring_problem_unknown_competency({ competency: g.competency }, o)
	},
	{
		key: 'credits_positive',
		pattern: /^credits must be more than 0 \(got (?<credits>.*)\)$/,
		say: (g, o) => m.authoring_problem_credits_positive({ credits: g.credits }, o)
	},
	{
		key: 'minutes_whole',
		pattern: /^minutes must be a whole number above 0$/,
		say: (g, o) => m.authoring_problem_minutes_whole({}, o)
	},
	{
		key: 'review_pair',
		pattern: /^a review needs both reviewer and reviewedOn \(leave both out for a draft\)$/,
		say: (g, o) => m.authoring_problem_review_pair({}, o)
	},
	{
		key: 'review_date',
		pattern: /^reviewedOn must be a date like 2026-10-15$/,
		say: (g, o) => m.authoring_problem_review_date({}, o)
	},
	{
		key: 'no_sources',
		pattern: /^sources must list the seed facts the module rests on$/,
		say: (g, o) => m.authoring_problem_no_sources({}, o)
	},
	{
		key: 'source_ref',
		pattern: /^each source needs ref \(a seed citation like 000:170\) and note$/,
		say: (g, o) => m.authoring_problem_source_ref({}, o)
	},
	{
		key: 'source_note',
		pattern: /^each source needs a note saying what it supports$/,
		say: (g, o) => m.authoring_problem_source_note({}, o)
	},
	{
		key: 'source_document',
		pattern: /^source (?<ref>.+) cites seed document (?<document>.+), which framework\/sources\.yaml does not list$/,
		say: (g, o) => m.authoring_problem_source_document({ ref: g.ref, document: g.document }, o)
	},
	{
		key: 'section_unknown',
		pattern: /^question (?<question>.*): section (?<section>.+) is not a heading of this module$/,
		say: (g, o) => m.authoring_problem_section_unknown({ question: g.question, section: g.section }, o)
	},
	{
		key: 'minutes_too_many',
		pattern:
			/^minutes (?<minutes>.+) are more than its length supports: about (?<estimate>.+) \((?<words>.+) words at (?<rate>.+) a minute, (?<perQuestion>.+) a drawn question\), at most (?<most>.+)$/,
		say: (g, o) =>
			m.authoring_problem_minutes_too_many(
				{
					minutes: g.minutes,
					estimate: g.estimate,
					words: g.words,
					rate: g.rate,
					perQuestion: g.perQuestion,
					most: g.most
				},
				o
			)
	},
	{
		key: 'credits_too_many',
		pattern:
			/^credits (?<credits>.+) are more than one per notional hour: (?<minutes>.+) minutes allow at most (?<most>.+)$/,
		say: (g, o) => m.authoring_problem_credits_too_many({ credits: g.credits, minutes: g.minutes, most: g.most }, o)
	},
	{
		key: 'too_short',
		pattern: /^a reviewed module needs at least (?<min>.+) words \(has (?<words>.+)\)$/,
		say: (g, o) => m.authoring_problem_too_short({ min: g.min, words: g.words }, o)
	},
	// validate.ts — checkAssessment
	{
		key: 'pass_mark',
		pattern: /^passMark must be a percentage from 0 to 100$/,
		say: (g, o) => m.authoring_problem_pass_mark({}, o)
	},
	{
		key: 'draw',
		pattern: /^draw must be a whole number of at least 5$/,
		say: (g, o) => m.authoring_problem_draw({}, o)
	},
	{
		key: 'attempts',
		pattern: /^attemptsPerDay must be a whole number of at least 1$/,
		say: (g, o) => m.authoring_problem_attempts({}, o)
	},
	{
		key: 'pool',
		pattern: /^the question pool \((?<pool>.+)\) must hold at least twice the draw \((?<needed>.+)\)$/,
		say: (g, o) => m.authoring_problem_pool({ pool: g.pool, needed: g.needed }, o)
	},
	{
		key: 'question_id',
		pattern: /^question: missing required field id$/,
		say: (g, o) => m.authoring_problem_question_id({}, o)
	},
	{
		key: 'question_duplicate',
		pattern: /^duplicate question id (?<question>.+)$/,
		say: (g, o) => m.authoring_problem_question_duplicate({ question: g.question }, o)
	},
	{
		key: 'question_type',
		pattern: /^question type must be single or multiple$/,
		say: (g, o) => m.authoring_problem_question_type({}, o)
	},
	{
		key: 'question_prompt',
		pattern: /^question (?<question>.*): missing required field prompt$/,
		say: (g, o) => m.authoring_problem_question_prompt({ question: g.question }, o)
	},
	{
		key: 'question_feedback',
		pattern: /^question (?<question>.*): missing required field feedback$/,
		say: (g, o) => m.authoring_problem_question_feedback({ question: g.question }, o)
	},
	{
		key: 'question_options',
		pattern: /^question (?<question>.*): needs at least two options$/,
		say: (g, o) => m.authoring_problem_question_options({ question: g.question }, o)
	},
	{
		key: 'option_text',
		pattern: /^question (?<question>.*): option without text$/,
		say: (g, o) => m.authoring_problem_option_text({ question: g.question }, o)
	},
	{
		key: 'no_correct',
		pattern: /^question (?<question>.*) has no correct answer$/,
		say: (g, o) => m.authoring_problem_no_correct({ question: g.question }, o)
	},
	{
		key: 'single_many',
		pattern: /^question (?<question>.*) is single-answer but marks (?<count>.+) options correct$/,
		say: (g, o) => m.authoring_problem_single_many({ question: g.question, count: g.count }, o)
	},
	{
		key: 'section_slug',
		pattern: /^question (?<question>.*): section must be the slug of a heading of this module$/,
		say: (g, o) => m.authoring_problem_section_slug({ question: g.question }, o)
	},
	// validate.ts — checkLinks
	{
		key: 'broken_link',
		pattern: /^broken internal link (?<href>.+)$/,
		say: (g, o) => m.authoring_problem_broken_link({ href: g.href }, o)
	},
	// bank-check.ts
	{
		key: 'distractors',
		pattern:
			/^question (?<question>.*): a single-choice item needs at least (?<min>.+) distractors \(has (?<count>.+)\)$/,
		say: (g, o) => m.authoring_problem_distractors({ question: g.question, min: g.min, count: g.count }, o)
	},
	{
		key: 'wrong_options',
		pattern:
			/^question (?<question>.*): a multiple-choice item needs at least (?<min>.+) wrong options \(has (?<count>.+)\)$/,
		say: (g, o) => m.authoring_problem_wrong_options({ question: g.question, min: g.min, count: g.count }, o)
	},
	{
		key: 'guessable',
		pattern:
			/^"longest option for single, all but the shortest for multiple" passes a draw of (?<draw>.+) at (?<passMark>.+) % with probability (?<chance>.+) % \(at most (?<most>.+) %\): balance the option lengths of (?<questions>.*)$/,
		say: (g, o) =>
			m.authoring_problem_guessable(
				{ draw: g.draw, passMark: g.passMark, chance: g.chance, most: g.most, questions: biasedList(g.questions, o) },
				o
			)
	},
	// load.ts (and check.ts, which says the same of a text without front-matter)
	{
		key: 'no_front_matter',
		pattern: /^a module starts with front-matter between --- lines$/,
		say: (g, o) => m.authoring_problem_no_front_matter({}, o)
	},
	{
		key: 'duplicate_module',
		pattern: /^duplicate module id (?<id>.+)$/,
		say: (g, o) => m.authoring_problem_duplicate_module({ id: g.id }, o)
	},
	// content/package.ts — readPackage, for a package brought in at /provider/modules/import (its modules' own
	// problems are checkModule's, above; the sizes it gives in MB are said in the reader's units)
	{
		key: 'pkg_not_zip',
		pattern: /^the file is not a zip$/,
		say: (g, o) => m.authoring_problem_pkg_not_zip({}, o)
	},
	{
		key: 'pkg_zip64',
		pattern: /^zip64 packages are not accepted$/,
		say: (g, o) => m.authoring_problem_pkg_zip64({}, o)
	},
	{
		key: 'pkg_directory_damaged',
		pattern: /^the zip directory is damaged$/,
		say: (g, o) => m.authoring_problem_pkg_directory_damaged({}, o)
	},
	{
		key: 'pkg_path_nul',
		pattern: /^the path contains a NUL character$/,
		say: (g, o) => m.authoring_problem_pkg_path_nul({}, o)
	},
	{
		key: 'pkg_path_control',
		pattern: /^the path contains a control character$/,
		say: (g, o) => m.authoring_problem_pkg_path_control({}, o)
	},
	{
		key: 'pkg_path_backslash',
		pattern: /^the path contains a backslash$/,
		say: (g, o) => m.authoring_problem_pkg_path_backslash({}, o)
	},
	{
		key: 'pkg_path_drive',
		pattern: /^the path starts with a drive letter$/,
		say: (g, o) => m.authoring_problem_pkg_path_drive({}, o)
	},
	{
		key: 'pkg_path_absolute',
		pattern: /^the path is absolute$/,
		say: (g, o) => m.authoring_problem_pkg_path_absolute({}, o)
	},
	{
		key: 'pkg_path_parent',
		pattern: /^the path contains \.\.$/,
		say: (g, o) => m.authoring_problem_pkg_path_parent({}, o)
	},
	{
		key: 'pkg_path_empty_segment',
		pattern: /^the path has an empty or \. segment$/,
		say: (g, o) => m.authoring_problem_pkg_path_empty_segment({}, o)
	},
	{
		key: 'pkg_path_outside',
		pattern: /^the path is outside modules\/$/,
		say: (g, o) => m.authoring_problem_pkg_path_outside({}, o)
	},
	{
		key: 'pkg_too_big',
		pattern: /^the package is (?<size>.+); the most a package may be is (?<most>.+)$/,
		say: (g, o) => m.authoring_problem_pkg_too_big({ size: megabytes(g.size, o), most: megabytes(g.most, o) }, o)
	},
	{
		key: 'pkg_too_many',
		pattern: /^the package holds (?<count>.+) entries; the most it may hold is (?<most>.+)$/,
		say: (g, o) => m.authoring_problem_pkg_too_many({ count: g.count, most: g.most }, o)
	},
	{
		key: 'pkg_path_twice',
		pattern: /^the package holds this path twice$/,
		say: (g, o) => m.authoring_problem_pkg_path_twice({}, o)
	},
	{
		key: 'pkg_symlink',
		pattern: /^symbolic links are not accepted$/,
		say: (g, o) => m.authoring_problem_pkg_symlink({}, o)
	},
	{
		key: 'pkg_special_file',
		pattern: /^only files and folders are accepted$/,
		say: (g, o) => m.authoring_problem_pkg_special_file({}, o)
	},
	{
		key: 'pkg_encrypted',
		pattern: /^encrypted files are not accepted$/,
		say: (g, o) => m.authoring_problem_pkg_encrypted({}, o)
	},
	{
		key: 'pkg_compression',
		pattern: /^the file is compressed in a way Credo does not read$/,
		say: (g, o) => m.authoring_problem_pkg_compression({}, o)
	},
	{
		key: 'pkg_file_too_big',
		pattern: /^the file is (?<size>.+) once unpacked; the most a file may be is (?<most>.+)$/,
		say: (g, o) => m.authoring_problem_pkg_file_too_big({ size: megabytes(g.size, o), most: megabytes(g.most, o) }, o)
	},
	{
		key: 'pkg_no_extension',
		pattern:
			/^a \.\(none\) file is not accepted: only modules \(\.md\), YAML \(\.yaml, \.yml\), manifest\.json and images \((?<images>.*)\)$/,
		say: (g, o) => m.authoring_problem_pkg_no_extension({ images: g.images }, o)
	},
	{
		key: 'pkg_file_type',
		pattern:
			/^a \.(?<ext>.*) file is not accepted: only modules \(\.md\), YAML \(\.yaml, \.yml\), manifest\.json and images \((?<images>.*)\)$/,
		say: (g, o) => m.authoring_problem_pkg_file_type({ ext: g.ext, images: g.images }, o)
	},
	{
		key: 'pkg_unpacked_too_big',
		pattern: /^the package unpacks to (?<size>.+); the most it may unpack to is (?<most>.+)$/,
		say: (g, o) =>
			m.authoring_problem_pkg_unpacked_too_big({ size: megabytes(g.size, o), most: megabytes(g.most, o) }, o)
	},
	{
		key: 'pkg_zip_damaged',
		pattern: /^the zip is damaged and cannot be unpacked$/,
		say: (g, o) => m.authoring_problem_pkg_zip_damaged({}, o)
	},
	{
		key: 'pkg_file_damaged',
		pattern: /^the file is damaged in the zip$/,
		say: (g, o) => m.authoring_problem_pkg_file_damaged({}, o)
	},
	{
		key: 'pkg_not_image_unknown',
		pattern: /^the file is not an image of an accepted type \(found no known type\)$/,
		say: (g, o) => m.authoring_problem_pkg_not_image_unknown({}, o)
	},
	{
		key: 'pkg_not_image',
		pattern: /^the file is not an image of an accepted type \(found (?<found>.+)\)$/,
		say: (g, o) => m.authoring_problem_pkg_not_image({ found: g.found }, o)
	},
	{
		key: 'pkg_image_named',
		pattern: /^the file is (?<type>\S+) but named \.(?<ext>.*)$/,
		say: (g, o) => m.authoring_problem_pkg_image_named({ type: g.type, ext: g.ext }, o)
	},
	{
		key: 'pkg_not_utf8',
		pattern: /^the file is not UTF-8 text$/,
		say: (g, o) => m.authoring_problem_pkg_not_utf8({}, o)
	},
	{
		key: 'pkg_not_text',
		pattern: /^the file is not text$/,
		say: (g, o) => m.authoring_problem_pkg_not_text({}, o)
	},
	{
		key: 'pkg_manifest_json',
		pattern: /^manifest\.json is not valid JSON$/,
		say: (g, o) => m.authoring_problem_pkg_manifest_json({}, o)
	},
	{
		key: 'pkg_module_path',
		pattern: /^a module lies at modules\/<track>\/<id>\.md$/,
		say: (g, o) => m.authoring_problem_pkg_module_path({}, o)
	},
	{
		key: 'pkg_track_folder',
		pattern: /^the module's track is (?<track>.+): it lies in modules\/(?<folder>.+)\/$/,
		say: (g, o) => m.authoring_problem_pkg_track_folder({ track: g.track }, o)
	},
	{
		key: 'pkg_file_folder',
		pattern: /^a file belongs in the folder of a module of the package: modules\/<track>\/<id>\/$/,
		say: (g, o) => m.authoring_problem_pkg_file_folder({}, o)
	},
	{
		key: 'pkg_manifest_format',
		pattern: /^manifest\.json is not a Credo content package manifest$/,
		say: (g, o) => m.authoring_problem_pkg_manifest_format({}, o)
	},
	{
		key: 'pkg_manifest_hash',
		pattern: /^the file differs from the one exported \(manifest\.json gives another sha-256\)$/,
		say: (g, o) => m.authoring_problem_pkg_manifest_hash({}, o)
	},
	{
		key: 'pkg_manifest_missing',
		pattern: /^manifest\.json lists (?<path>.+), which the package does not hold$/,
		say: (g, o) => m.authoring_problem_pkg_manifest_missing({ path: g.path }, o)
	},
	{
		key: 'pkg_empty',
		pattern: /^the package holds no module$/,
		say: (g, o) => m.authoring_problem_pkg_empty({}, o)
	},
	// the YAML parser (package yaml), for the mistakes one makes writing front-matter by hand
	{
		key: 'yaml_duplicate_key',
		pattern: /^Map keys must be unique$/,
		say: (g, o) => m.authoring_problem_yaml_duplicate_key({}, o)
	},
	{
		key: 'yaml_key_line',
		pattern: /^Implicit keys (?:of flow sequence pairs )?need to be on a single line$/,
		say: (g, o) => m.authoring_problem_yaml_key_line({}, o)
	},
	{
		key: 'yaml_nested',
		pattern: /^Nested mappings are not allowed in compact mappings$/,
		say: (g, o) => m.authoring_problem_yaml_nested({}, o)
	},
	{
		key: 'yaml_indent_map',
		pattern: /^All mapping items must start at the same column$/,
		say: (g, o) => m.authoring_problem_yaml_indent_map({}, o)
	},
	{
		key: 'yaml_indent_seq',
		pattern: /^All sequence items must start at the same column$/,
		say: (g, o) => m.authoring_problem_yaml_indent_seq({}, o)
	},
	{
		key: 'yaml_no_value',
		pattern: /^Implicit map keys need to be followed by map values$/,
		say: (g, o) => m.authoring_problem_yaml_no_value({}, o)
	},
	{
		key: 'yaml_quote',
		pattern: /^Missing closing ["']quote$/,
		say: (g, o) => m.authoring_problem_yaml_quote({}, o)
	},
	{
		key: 'yaml_tab',
		pattern: /^Tabs are not allowed as indentation$/,
		say: (g, o) => m.authoring_problem_yaml_tab({}, o)
	},
	{
		key: 'yaml_start_char',
		pattern: /^Plain value cannot start with (?:reserved character )?(?<char>.+)$/,
		say: (g, o) => m.authoring_problem_yaml_start_char({ char: g.char }, o)
	},
	{
		key: 'yaml_flow_seq',
		pattern: /^Flow sequence in block collection must be sufficiently indented and end with a \]$/,
		say: (g, o) => m.authoring_problem_yaml_flow_seq({}, o)
	},
	{
		key: 'yaml_flow_map',
		pattern: /^Flow map in block collection must be sufficiently indented and end with a \}$/,
		say: (g, o) => m.authoring_problem_yaml_flow_map({}, o)
	},
	{
		key: 'yaml_comment',
		pattern: /^Comments must be separated from other tokens by white space characters$/,
		say: (g, o) => m.authoring_problem_yaml_comment({}, o)
	},
	{
		key: 'yaml_trailing',
		pattern: /^Unexpected \S+ at node end$/,
		say: (g, o) => m.authoring_problem_yaml_trailing({}, o)
	},
	{
		key: 'yaml_dash_after_key',
		pattern: /^Unexpected block-seq-ind on same line with key$/,
		say: (g, o) => m.authoring_problem_yaml_dash_after_key({}, o)
	},
	{
		key: 'yaml_comma',
		pattern: /^Unexpected (?:,|empty item) in flow (?:sequence|map)$/,
		say: (g, o) => m.authoring_problem_yaml_comma({}, o)
	},
	{
		key: 'yaml_missing_comma',
		pattern: /^Missing , (?:or : )?between flow (?:sequence|map) items$/,
		say: (g, o) => m.authoring_problem_yaml_missing_comma({}, o)
	},
	{
		key: 'yaml_escape',
		pattern: /^Invalid escape sequence (?<escape>.+)$/,
		say: (g, o) => m.authoring_problem_yaml_escape({ escape: g.escape }, o)
	},
	{
		key: 'yaml_documents',
		pattern: /^Source contains multiple documents/,
		say: (g, o) => m.authoring_problem_yaml_documents({}, o)
	},
	{
		key: 'yaml_list_as_key',
		pattern: /^A block sequence may not be used as an implicit map key$/,
		say: (g, o) => m.authoring_problem_yaml_list_as_key({}, o)
	},
	{
		key: 'yaml_dash_missing',
		pattern: /^Sequence item without - indicator$/,
		say: (g, o) => m.authoring_problem_yaml_dash_missing({}, o)
	},
	{
		key: 'yaml_anchor',
		pattern: /^A node can have at most one anchor$/,
		say: (g, o) => m.authoring_problem_yaml_anchor({}, o)
	}
];

/** The key of the table entry that recognises a checker's message, or null. */
export function problemKey(message: string): string | null {
	return PROBLEM_TABLE.find((row) => row.pattern.test(message))?.key ?? null;
}

/**
 * What the YAML parser's rarer errors (those the table does not name) say, by the parser's error code: every code the
 * parser has (its `ErrorCode`), so that nothing it finds reaches the editor in its English.
 */
const YAML_CODES: Record<ErrorCode, (o: Options) => string> = {
	BAD_INDENT: (o) => m.authoring_problem_yaml_other_indent({}, o),
	TAB_AS_INDENT: (o) => m.authoring_problem_yaml_tab({}, o),
	DUPLICATE_KEY: (o) => m.authoring_problem_yaml_duplicate_key({}, o),
	MULTIPLE_DOCS: (o) => m.authoring_problem_yaml_documents({}, o),
	BAD_DQ_ESCAPE: (o) => m.authoring_problem_yaml_other_line({}, o),
	BAD_SCALAR_START: (o) => m.authoring_problem_yaml_other_line({}, o),
	BLOCK_IN_FLOW: (o) => m.authoring_problem_yaml_other_line({}, o),
	MISSING_CHAR: (o) => m.authoring_problem_yaml_other_line({}, o),
	UNEXPECTED_TOKEN: (o) => m.authoring_problem_yaml_other_line({}, o),
	IMPOSSIBLE: (o) => m.authoring_problem_yaml_other_line({}, o),
	RESOURCE_EXHAUSTION: (o) => m.authoring_problem_yaml_other_line({}, o),
	BLOCK_AS_IMPLICIT_KEY: (o) => m.authoring_problem_yaml_other_key({}, o),
	KEY_OVER_1024_CHARS: (o) => m.authoring_problem_yaml_other_key({}, o),
	MULTILINE_IMPLICIT_KEY: (o) => m.authoring_problem_yaml_other_key({}, o),
	NON_STRING_KEY: (o) => m.authoring_problem_yaml_other_key({}, o),
	ALIAS_PROPS: (o) => m.authoring_problem_yaml_other_feature({}, o),
	BAD_ALIAS: (o) => m.authoring_problem_yaml_other_feature({}, o),
	BAD_DIRECTIVE: (o) => m.authoring_problem_yaml_other_feature({}, o),
	BAD_PROP_ORDER: (o) => m.authoring_problem_yaml_other_feature({}, o),
	MULTIPLE_ANCHORS: (o) => m.authoring_problem_yaml_anchor({}, o),
	MULTIPLE_TAGS: (o) => m.authoring_problem_yaml_other_feature({}, o),
	TAG_RESOLVE_FAILED: (o) => m.authoring_problem_yaml_other_feature({}, o),
	BAD_COLLECTION_TYPE: (o) => m.authoring_problem_yaml_other_feature({}, o)
};

/**
 * A checker's message in the reader's language (or `options.locale`), in plain words. A YAML parser's error the table
 * does not name is said by its code (`yamlCode`); any other unknown message as it is.
 */
export function localizeProblem(message: string, options: Options = {}, yamlCode?: string): string {
	for (const row of PROBLEM_TABLE) {
		const hit = row.pattern.exec(message);
		if (hit) return row.say(hit.groups ?? {}, options);
	}
	const byCode = yamlCode ? YAML_CODES[yamlCode as ErrorCode] : undefined;
	return byCode ? byCode(options) : message;
}
