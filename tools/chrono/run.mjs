// run.mjs — chrono-node as `veille eval dates` asks it: one case per line
// on stdin as JSON ({"text", "ref": [y, m0, d, h, min] or null, "forward",
// "lang"}), one answer per line on stdout: {"found", "start": [y, m, d, h],
// "end": [y, m, d, h] or null, "text"} for chrono's first result, as its
// own tests read it (testSingleCase takes results[0]). Run with TZ=UTC.
import { createInterface } from "node:readline";
import * as chrono from "chrono-node";

const parts = (c) =>
    c ? [c.get("year"), c.get("month"), c.get("day"), c.get("hour")] : null;

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
    let out = { found: false, start: null, end: null, text: null };
    try {
        const c = JSON.parse(line);
        const ref = Array.isArray(c.ref) ? new Date(...c.ref) : new Date();
        const parser = c.lang === "en" ? chrono.en : chrono.fr;
        const res = parser.parse(c.text, ref, c.forward ? { forwardDate: true } : undefined);
        if (res.length > 0) {
            const r = res[0];
            out = { found: true, start: parts(r.start), end: parts(r.end), text: r.text };
        }
    } catch (e) {
        out.error = String(e);
    }
    process.stdout.write(JSON.stringify(out) + "\n");
}
