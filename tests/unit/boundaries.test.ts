import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries of the wire contract, as `npm test`'s lint step enforces them.

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("import boundaries", () => {
  it("refuse a storefront file that imports the sandbox", async () => {
    expect(
      await boundaryErrors(
        "lib/orders/boundary-probe.ts",
        'import { handleSandboxRequest } from "@/lib/sandbox";\nexport const probe = handleSandboxRequest;\n',
      ),
    ).toEqual([expect.stringContaining("The storefront reaches the sandbox over HTTP only")]);
    expect(
      await boundaryErrors("components/checkout/boundary-probe.tsx", 'import { clock } from "@/lib/sandbox/clock";\nexport const probe = clock;\n'),
    ).toHaveLength(1);
  });

  it("refuse a sandbox file that imports the storefront's client or shop code", async () => {
    expect(
      await boundaryErrors("lib/sandbox/boundary-probe.ts", 'import { readHppSession } from "@/lib/klarna";\nexport const probe = readHppSession;\n'),
    ).toEqual([expect.stringContaining("The sandbox knows nothing of the shop")]);
    expect(
      await boundaryErrors("lib/sandbox/boundary-probe.ts", 'import { MARKETS } from "@/lib/shop/markets";\nexport const probe = MARKETS;\n'),
    ).toHaveLength(1);
  });

  it("let the sandbox's pages and components in through its index only", async () => {
    expect(await boundaryErrors("app/sandbox/boundary-probe.tsx", 'import { clock } from "@/lib/sandbox/clock";\nexport const probe = clock;\n')).toEqual([
      expect.stringContaining("through its index"),
    ]);
    expect(
      await boundaryErrors(
        "components/sandbox/boundary-probe.tsx",
        'import { loadDashboard } from "@/lib/sandbox/dashboard";\nexport const probe = loadDashboard;\n',
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("app/sandbox/boundary-probe.tsx", 'import { loadDashboard } from "@/lib/sandbox";\nexport const probe = loadDashboard;\n'),
    ).toEqual([]);
  });

  it("hold for relative imports too", async () => {
    expect(await boundaryErrors("lib/orders/boundary-probe.ts", 'import { clock } from "../sandbox/clock";\nexport const probe = clock;\n')).toHaveLength(1);
    expect(
      await boundaryErrors("components/checkout/boundary-probe.tsx", 'import { clock } from "../../lib/sandbox/clock";\nexport const probe = clock;\n'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("app/sandbox/boundary-probe.tsx", 'import { clock } from "../../lib/sandbox/clock";\nexport const probe = clock;\n'),
    ).toHaveLength(1);
    expect(
      await boundaryErrors("lib/sandbox/boundary-probe.ts", 'import { finalize } from "../orders/finalize";\nexport const probe = finalize;\n'),
    ).toHaveLength(1);
    expect(await boundaryErrors("lib/klarna-wire/boundary-probe.ts", 'import { config } from "../config";\nexport const probe = config;\n')).toHaveLength(1);
    expect(
      await boundaryErrors("lib/sandbox/boundary-probe.ts", 'import { HppSessionRead } from "../klarna-wire/hpp";\nexport const probe = HppSessionRead;\n'),
    ).toEqual([]);
  });

  it("let both import the wire contract", async () => {
    expect(
      await boundaryErrors("lib/orders/boundary-probe.ts", 'import { HppSessionRead } from "@/lib/klarna-wire";\nexport const probe = HppSessionRead;\n'),
    ).toEqual([]);
    expect(
      await boundaryErrors("lib/sandbox/boundary-probe.ts", 'import { HppSessionRead } from "@/lib/klarna-wire";\nexport const probe = HppSessionRead;\n'),
    ).toEqual([]);
  });
});
