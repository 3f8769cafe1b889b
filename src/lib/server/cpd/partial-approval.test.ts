import { describe, expect, it } from 'vitest';
import { approvalOf, approvedLine, changed, type Changes } from './partial-approval';
import { DomainError } from '../errors';

const CATEGORIES = ['ethics', 'child-protection', 'practice'];
const claim = { credits: 3, category: 'child-protection' };
const refusal = (changes: Changes, c = claim) => {
	try {
		approvalOf(c, changes, CATEGORIES);
	} catch (e) {
		expect(e).toBeInstanceOf(DomainError);
		return (e as DomainError).fields;
	}
	throw new Error('accepted');
};

describe('partial approval of a CPD claim', () => {
	it('an approval as claimed stores nothing beside the claim (null = as claimed), with or without a reason', () => {
		expect(approvalOf(claim, {}, CATEGORIES)).toEqual({ approvedCredits: null, approvedCategory: null, reason: null });
		expect(approvalOf(claim, { credits: 3, category: 'child-protection', reason: ' ok ' }, CATEGORIES)).toEqual({
			approvedCredits: null,
			approvedCategory: null,
			reason: 'ok'
		});
		expect(approvalOf(claim, { credits: 3.0001 - 0.0001 }, CATEGORIES).approvedCredits).toBeNull();
	});

	it('approves fewer credits with a reason, the category kept', () => {
		const a = approvalOf(claim, { credits: 2, reason: 'One session missed' }, CATEGORIES);
		expect(a).toEqual({ approvedCredits: 2, approvedCategory: null, reason: 'One session missed' });
		expect(changed(a)).toBe(true);
	});

	it('approves another category with a reason, the credits kept', () => {
		const a = approvalOf(claim, { category: 'ethics', reason: 'An ethics course' }, CATEGORIES);
		expect(a).toEqual({ approvedCredits: null, approvedCategory: 'ethics', reason: 'An ethics course' });
	});

	it('accepts two decimals (1.1 and 0.29, which float arithmetic gets wrong) and stores them in hundredths', () => {
		expect(approvalOf(claim, { credits: 1.1, reason: 'r' }, CATEGORIES).approvedCredits).toBe(1.1);
		expect(approvalOf(claim, { credits: 0.29, reason: 'r' }, CATEGORIES).approvedCredits).toBe(0.29);
		expect(approvalOf({ credits: 2.5, category: 'ethics' }, { credits: 2.49, reason: 'r' }, CATEGORIES)).toEqual({
			approvedCredits: 2.49,
			approvedCategory: null,
			reason: 'r'
		});
	});

	it('refuses more credits than claimed, beside the credits field, naming the claim', () => {
		expect(refusal({ credits: 4, reason: 'r' })).toEqual({ credits: 'At most the 3 credits claimed' });
		expect(refusal({ credits: 3.01, reason: 'r' }).credits).toBe('At most the 3 credits claimed');
		expect(refusal({ credits: 2 }, { credits: 1, category: 'ethics' }).credits).toBe('At most the 1 credit claimed');
	});

	it('refuses zero, negative, non-finite and three-decimal credits', () => {
		expect(refusal({ credits: 0, reason: 'r' }).credits).toMatch(/more than 0/);
		expect(refusal({ credits: -1, reason: 'r' }).credits).toMatch(/more than 0/);
		expect(refusal({ credits: Number.NaN, reason: 'r' }).credits).toBe('Enter a number.');
		expect(refusal({ credits: Infinity, reason: 'r' }).credits).toBe('Enter a number.');
		expect(refusal({ credits: 1.005, reason: 'r' }).credits).toMatch(/two decimals/);
	});

	it('refuses a category the claim form does not offer', () => {
		expect(Object.keys(refusal({ category: 'gardening', reason: 'r' }))).toEqual(['category']);
	});

	it('requires a reason whenever anything differs from the claim, beside the reason field', () => {
		expect(refusal({ credits: 2 })).toEqual({ reason: 'Say why you approve less than claimed' });
		expect(refusal({ category: 'ethics', reason: '   ' })).toEqual({ reason: 'Say why you approve less than claimed' });
	});

	it('reports every field at fault at once', () => {
		expect(Object.keys(refusal({ credits: 5, category: 'nope' })).sort()).toEqual(['category', 'credits']);
		expect(Object.keys(refusal({ credits: 2, category: 'nope' })).sort()).toEqual(['category', 'reason']);
	});

	it('words what was approved as the worker reads it, in their language', () => {
		expect(approvedLine(3, { approvedCredits: 2, approvedCategory: null }, 'en')).toBe('2 of 3 credits approved');
		expect(approvedLine(3, { approvedCredits: 2, approvedCategory: 'ethics' }, 'en')).toMatch(
			/^2 of 3 credits approved, in \S/
		);
		expect(approvedLine(3, { approvedCredits: null, approvedCategory: 'ethics' }, 'en')).toMatch(/^Approved in /);
		expect(approvedLine(3, { approvedCredits: 1, approvedCategory: null }, 'fr')).toBe('1 crédit sur 3 approuvé');
		expect(approvedLine(3, { approvedCredits: 2, approvedCategory: null }, 'fr')).toBe('2 crédits sur 3 approuvés');
	});
});
