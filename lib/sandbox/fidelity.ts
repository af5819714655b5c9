import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** docs/klarna-fidelity.md as written: what the sandbox emulates and what it does not, for the sandbox's pages to show. */
export const fidelityDocument = () => readFile(path.join(process.cwd(), "docs", "klarna-fidelity.md"), "utf8");
