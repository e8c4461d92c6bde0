// Which GET paths are the console's client routes (answered with its index.html): not the API's
// own prefixes, and not a path that looks like a file (a missing asset is a 404, not a page).
const API_PREFIXES = /^\/(api|docs|health|\.well-known)(\/|$)/;
const FILE_LIKE = /\/[^/]*\.[a-z0-9]+$/i;

export function isConsoleRoute(path: string): boolean {
  return !API_PREFIXES.test(path) && !FILE_LIKE.test(path);
}
