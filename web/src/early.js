// The console's first script (index.html: a classic script of about a kilobyte, run while the page is
// parsed, before the main module): starts GET /me and what this page asked for first the last time it
// was opened, before the main bundle is evaluated — see early-plan.js. The main script's prefetch()
// adopts these requests.
import { startPlannedRequests } from './early-plan.js';

startPlannedRequests();
