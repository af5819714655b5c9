// Submits the app's server-action forms the way a browser without JavaScript does: the page's
// hidden `$ACTION_*` fields plus the visible fields, as multipart/form-data, with cookies kept.

export class CookieJar {
  private cookies = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
    }
  }
}

const decode = (value: string) =>
  value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden fields of the first form on the page whose HTML contains `marker`. */
export function hiddenFields(html: string, marker: string): [string, string][] {
  const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find((candidate) => candidate.includes(marker));
  if (!form) throw new Error(`No form containing ${JSON.stringify(marker)} on the page`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)].map((match) => [decode(match[1]!), decode(match[2] ?? "")]);
}

/** Loads the page at `path` and returns its form holding `marker`, ready to post. */
export async function readForm(baseUrl: string, path: string, jar: CookieJar, marker: string): Promise<FormData> {
  const page = await fetch(`${baseUrl}${path}`, { headers: { cookie: jar.header() } });
  jar.take(page);
  const form = new FormData();
  for (const [name, value] of hiddenFields(await page.text(), marker)) form.append(name, value);
  return form;
}

export async function postForm(baseUrl: string, path: string, jar: CookieJar, form: FormData, fields: Record<string, string>): Promise<Response> {
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await fetch(`${baseUrl}${path}`, { method: "POST", body: form, headers: { cookie: jar.header() }, redirect: "manual" });
  jar.take(response);
  return response;
}

export async function submitForm(baseUrl: string, path: string, jar: CookieJar, marker: string, fields: Record<string, string>): Promise<Response> {
  return postForm(baseUrl, path, jar, await readForm(baseUrl, path, jar, marker), fields);
}
