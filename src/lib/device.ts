// A browser's User-Agent header in words ("Firefox", "Windows"), for the list of my sessions on /account. Only the
// common browsers and systems are named; anything else is left unnamed rather than guessed. Brand names are not
// translated; the page puts them in a sentence of the reader's language.

export interface Device {
	browser: string | null;
	os: string | null;
}

// Order matters: Edge, Opera and Samsung Internet also say "Chrome"; Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\bOPR\/|\bOpera\b/, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];

const SYSTEMS: [RegExp, string][] = [
	[/\bWindows\b/, 'Windows'],
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export function describeDevice(userAgent: string | null | undefined): Device {
	const ua = (userAgent ?? '').slice(0, 400);
	const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? null;
	const os = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? null;
	return { browser, os };
}
