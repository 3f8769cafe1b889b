// Every import kind, registered by loading its module: the job worker (hooks.server.ts) and the job page load this
// file so a kind is known wherever a job of it runs or is shown.
import '../setup/areas';
import '../setup/organisations';
import '../indicators/population-import';
import '../workforce/import';
import '../certificates/history-import';
