// CSRF defence for state-changing requests: the browser must say the request comes from our own
// origin. Cross-site forms and fetches carry a foreign Origin (or Sec-Fetch-Site: cross-site);
// tRPC mutations also need a JSON body, which a cross-site form cannot send without CORS.

export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (!origin) return site === "same-origin" || site === "none";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
