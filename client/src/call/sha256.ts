// SHA-256 fed piece by piece. WebCrypto only digests a whole buffer at once, which would mean reading a
// file completely before sending its first byte, and holding all of it on arrival before checking it.
// Fed chunk by chunk as they are sent and as they arrive, the checksum is ready the moment the last chunk
// is. The hashing itself is @noble/hashes' audited SHA-256, not ours.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

export class Sha256 {
  private readonly state = sha256.create();

  update(data: Uint8Array): this {
    this.state.update(data);
    return this;
  }

  /** The digest as lowercase hex; the hash takes no more input after it. */
  hex(): string {
    return bytesToHex(this.state.digest());
  }
}
