// cnbudget's pages: no inline script (the CSP forbids it); behaviour hangs off data-* attributes.
"use strict";
