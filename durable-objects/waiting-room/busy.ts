// Patients the desk is doing slow work for (minting tickets to admit, transfer or let back in): a second
// admit, deny or transfer of the same patient must not race the first.
import { errorMessage } from "../protocol.ts";
import type { ProviderSocket } from "./attachments.ts";

export class BusyInvites {
  private readonly invites = new Set<string>();

  has(inviteId: string): boolean {
    return this.invites.has(inviteId);
  }

  /**
   * Runs `work` for the patient of `inviteId` while nobody else may touch them. If it fails, nothing
   * changed: the patient still waits, the provider is told to try again, and the answer is undefined.
   */
  async during<T>(inviteId: string, provider: ProviderSocket, work: () => Promise<T>): Promise<T | undefined> {
    this.invites.add(inviteId);
    try {
      return await work();
    } catch {
      provider.send(errorMessage("server-error", "That did not work. Please try again."));
      return undefined;
    } finally {
      this.invites.delete(inviteId);
    }
  }
}
