import type { Config } from "tailwindcss";

// The theme: Tailwind 4 reads this file through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#fdf2f6",
          100: "#fbe4ee",
          200: "#f8c9dc",
          500: "#e85a94",
          600: "#d23a7a",
          700: "#b02a63",
          900: "#5c1533",
        },
        ink: {
          50: "#f7f7f8",
          100: "#eeeef0",
          200: "#d9d9de",
          400: "#8a8a96",
          600: "#4b4b55",
          800: "#24242b",
          900: "#16161b",
          950: "#0d0d10",
        },
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
      },
      borderRadius: {
        card: "1rem",
      },
    },
  },
};

export default config;
