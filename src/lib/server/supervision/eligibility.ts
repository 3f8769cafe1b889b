// Whether a supervisor may take a supervisee: the jurisdiction's rules (data) and the load ratio. Pure, so each
// warning is tested on its own; the assignment records the warnings shown and who overrode them.
export interface SupervisionRules {
	ratioDedicated: number;
	ratioOther: number;
	minYearsExperience: number;
	requireRegistration: boolean;
	requireCourse: boolean;
}

export interface SupervisorFacts {
	registered: 'register' | 'self-declared' | 'no';
	yearsExperience: number | null;
	course: boolean;
	dedicated: boolean;
	/** supervisees counted toward the ratio now (workers; students too when the jurisdiction says so) */
	load: number;
}

export type Warning = 'not-registered' | 'self-declared' | 'experience' | 'no-course' | 'no-profile' | 'ratio';

export function assignmentWarnings(rules: SupervisionRules, s: SupervisorFacts): Warning[] {
	const w: Warning[] = [];
	if (s.yearsExperience === null) w.push('no-profile');
	else if (s.yearsExperience < rules.minYearsExperience) w.push('experience');
	if (rules.requireRegistration && s.registered === 'no') w.push('not-registered');
	if (s.registered === 'self-declared') w.push('self-declared');
	if (rules.requireCourse && !s.course) w.push('no-course');
	if (s.load + 1 > (s.dedicated ? rules.ratioDedicated : rules.ratioOther)) w.push('ratio');
	return w;
}
