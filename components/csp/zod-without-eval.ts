import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` after probing whether eval is allowed, and under the app's CSP
// (no 'unsafe-eval' in production) the probe alone is reported as a violation, though zod catches it. In the
// browser it parses only small inputs, so the interpreted path costs nothing noticeable; the server keeps the JIT.
if (typeof window !== 'undefined') z.config({ jitless: true });
