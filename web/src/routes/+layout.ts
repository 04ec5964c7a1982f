// A static single-page app: everything renders in the browser and talks to the API on the same origin.
export const ssr = false;
export const prerender = false;
