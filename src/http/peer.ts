// The client's address, in ONE place. `app.handle()` has no socket to ask, so the server copies the
// connection's peer address into a header, replacing whatever a client sent under that name.
// Behind a reverse proxy every request comes from the proxy: with ZAPIS_TRUST_PROXY the address is
// the last X-Forwarded-For hop, the one our own proxy appended (earlier hops are the client's word).

export const PEER_HEADER = "x-zapis-peer";

/**
 * The request with the peer header set from the connection (or the trusted proxy's header). Set in
 * place: a server's request headers are its own, and cloning the Request for it was ≈ 9% of the
 * server's CPU on a cached page (issue 20, profiled under bench/load.ts).
 */
export function withPeer(request: Request, socketAddress: string | null, trustProxy: boolean): Request {
  const forwarded = trustProxy ? request.headers.get("x-forwarded-for")?.split(",").pop()?.trim() : undefined;
  const address = forwarded || socketAddress;
  if (address) request.headers.set(PEER_HEADER, address);
  else request.headers.delete(PEER_HEADER);
  return request;
}

/** The client's address as the server saw it, or null (in-process calls, unix sockets). */
export const peerAddress = (request: Request): string | null => request.headers.get(PEER_HEADER);
