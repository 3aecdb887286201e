/** Whether a request asks to become a WebSocket: the one check the worker and the objects share. */
export function isWebSocketUpgrade(request: Request): boolean {
  return request.headers.get("Upgrade")?.toLowerCase() === "websocket";
}
