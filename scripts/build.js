import { buildIfNeeded } from './lib/build.js';
buildIfNeeded({ force: true });
