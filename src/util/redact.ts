/**
 * Credentials in URLs (`https://user:TOKEN@host/…`, or a bare token as the user name) are never
 * printed: every place that shows a URL or an error text passes it through here first.
 */

/** User names that are access tokens of the common git hosts (GitHub, GitLab, Bitbucket). */
const TOKEN_USER = /^(gh[pousr]_|github_pat_|glpat-|gldt-|ATBB|x-access-token$|oauth2$)/;

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s@:]*)(?::([^/\s@]*))?@/gi;

/** True when a URL carries a password or a token: something git would store in .git/config. */
export function hasCredentials(url: string): boolean {
  URL_USERINFO.lastIndex = 0;
  for (const match of url.matchAll(URL_USERINFO)) {
    if (match[3] !== undefined && match[3] !== '') return true;
    if (TOKEN_USER.test(decodeURIComponentSafe(match[2]))) return true;
  }
  return false;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The text with every password (and token user name) in a URL replaced by `***`. */
export function redactCredentials(text: string): string {
  return text.replace(URL_USERINFO, (whole, scheme: string, user: string, password: string | undefined) => {
    if (password !== undefined && password !== '') return `${scheme}${TOKEN_USER.test(decodeURIComponentSafe(user)) ? '***' : user}:***@`;
    if (TOKEN_USER.test(decodeURIComponentSafe(user))) return `${scheme}***@`;
    return whole;
  });
}
