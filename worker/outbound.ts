// Outbound HTTP (the mail API, the SMS API, Cloudflare's TURN API) goes through this one function type.

export type Fetcher = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The runtime's fetch, called as a plain function. workerd refuses `fetch` called on any other receiver
 * ("Illegal invocation"), which is what happens when it is stored on an object and called as a method
 * (`this.fetcher(...)`): every adapter keeps this wrapper instead of `fetch` itself.
 */
export const runtimeFetch: Fetcher = (input, init) => fetch(input, init);
