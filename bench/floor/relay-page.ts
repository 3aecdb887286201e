// The bare call page of the admission floor: camera and microphone, one RTCPeerConnection, and the
// bare relay (worker.ts) for signaling. Nothing else: no app, no tickets, no ICE servers, no data
// channels. `go()` starts it; side "a" offers once both are there, side "b" answers. Plain JS in an
// HTML string: the floor's worker serves it as it is.
export const RELAY_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>admission floor</title>
<video data-testid="remote-video" autoplay playsinline muted></video>
<script>
const params = new URLSearchParams(location.search);
const offers = params.get("side") === "a";
const room = encodeURIComponent(params.get("room") ?? "relay");
const video = document.querySelector("video");
// The same constraints the app asks for (client/src/shared/media.ts).
const constraints = {
  video: { width: { ideal: 1280 }, height: { ideal: 720 } },
  audio: { echoCancellation: true, noiseSuppression: true },
};
window.go = () => {
  const media = navigator.mediaDevices.getUserMedia(constraints);
  const socket = new WebSocket("ws://" + location.host + "/relay?room=" + room);
  const pc = new RTCPeerConnection();
  const send = (message) => socket.send(JSON.stringify(message));
  const addTracks = async () => {
    const stream = await media;
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
  };
  pc.ontrack = (event) => { video.srcObject = event.streams[0]; };
  pc.onicecandidate = (event) => { if (event.candidate) send({ type: "ice", candidate: event.candidate }); };
  let peerHere = false;
  async function offer() {
    await addTracks();
    await pc.setLocalDescription();
    send({ type: "offer", sdp: pc.localDescription.sdp });
  }
  async function step(message) {
    if (message.type === "here" || message.type === "here-too") {
      // Whoever came first learns of the other from the "here-too".
      if (message.type === "here") send({ type: "here-too" });
      if (peerHere) return;
      peerHere = true;
      if (offers) await offer();
      return;
    }
    if (message.type === "offer") {
      await pc.setRemoteDescription({ type: "offer", sdp: message.sdp });
      await addTracks();
      await pc.setLocalDescription();
      send({ type: "answer", sdp: pc.localDescription.sdp });
      return;
    }
    if (message.type === "answer") return pc.setRemoteDescription({ type: "answer", sdp: message.sdp });
    if (message.type === "ice") return pc.addIceCandidate(message.candidate);
  }
  // Signaling is applied in order, as the app does.
  let steps = Promise.resolve();
  socket.onmessage = (event) => { steps = steps.then(() => step(JSON.parse(event.data))); };
  socket.onopen = () => send({ type: "here" });
};
</script>
`;
