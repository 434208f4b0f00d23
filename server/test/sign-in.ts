/**
 * Signs in to a team-mode Switchboard the way a browser does, through the real identity provider's pages (redirects,
 * cookies, the sign-in form), for API tests that need a member's session without a browser.
 */
export type Jar = Map<string, Map<string, string>>;

function keep(jar: Jar, url: URL, response: Response) {
  const cookies = jar.get(url.host) ?? new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const [name, ...value] = pair.split('=');
    const expired = attributes.some(
      (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()),
    );
    if (expired || value.join('=') === '') cookies.delete(name.trim());
    else cookies.set(name.trim(), value.join('='));
  }
  jar.set(url.host, cookies);
}

const cookieHeader = (jar: Jar, url: URL) =>
  [...(jar.get(url.host) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');

/** Follows redirects by hand, keeping cookies per host; answers the provider's sign-in form with `email`. */
export async function signIn(
  consoleUrl: string,
  email: string,
  returnTo = '/',
): Promise<{ cookie: string; landedOn: string }> {
  const jar: Jar = new Map();
  let url = new URL(`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`, consoleUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: cookieHeader(jar, url) },
    });
    keep(jar, url, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      init = {};
      if (url.origin === new URL(consoleUrl).origin && !url.pathname.startsWith('/api/auth/')) {
        const console = new URL(consoleUrl);
        return { cookie: cookieHeader(jar, console), landedOn: url.pathname + url.search };
      }
      continue;
    }
    const html = await response.text();
    const form = /<form method="post" action="([^"]+)"/.exec(html);
    if (!form) throw new Error(`sign-in stopped at ${url.href} (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(form[1], url);
    init = {
      method: 'POST',
      body: new URLSearchParams({ email }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('sign-in: too many redirects');
}
