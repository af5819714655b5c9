/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  images: { unoptimized: true },
  // unauthorized() and forbidden(): back-office actions and handlers answer 401 and 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
