// `npm run build` always builds; `npm install` runs it with --if-needed, so a fresh clone's first `npm start` finds
// the build ready instead of waiting a minute for it.
import { buildIfNeeded } from './lib/build.js';
buildIfNeeded({ force: !process.argv.includes('--if-needed') });
