// Requests to join a running consultation, from the colleague moderating it to a member of the practice
// ("Invite a colleague"): kept until the member answers (joins or declines) or the call reaches its
// maximum length, so that a dashboard opened meanwhile still asks. Storage holds ids only
// ("<member id>><consultation id>><moderator id>"); the moderator's name is looked up when shown.
import type { ExpiringSet } from "../expiring-set.ts";

export interface CallRequest {
  /** Whose dashboards ask: the member asked to join. */
  memberId: string;
  consultationId: string;
  /** Who asked: the call's moderator, a colleague of the member. */
  moderatorId: string;
  /** When the call reaches its maximum length: the request lapses then. */
  until: number;
}

export class CallRequests {
  constructor(
    private readonly set: ExpiringSet,
    private readonly now: () => number,
  ) {}

  /** One request per member and call: asking again (another moderator since) replaces the older one. */
  add(request: CallRequest): void {
    this.drop(request.memberId, request.consultationId);
    this.set.add(`${request.memberId}>${request.consultationId}>${request.moderatorId}`, request.until);
  }

  /** The member's requests that have not lapsed, oldest deadline first. */
  of(memberId: string): CallRequest[] {
    const now = this.now();
    return this.set
      .ids()
      .flatMap((key): CallRequest[] => {
        const [member, consultationId, moderatorId] = key.split(">");
        const until = this.set.until(key, now);
        if (member !== memberId || !consultationId || !moderatorId || until === undefined) return [];
        return [{ memberId, consultationId, moderatorId, until }];
      })
      .sort((a, b) => a.until - b.until);
  }

  /** The member answered (or the request is void): whether there was one. */
  drop(memberId: string, consultationId: string): boolean {
    const prefix = `${memberId}>${consultationId}>`;
    const keys = this.set.ids().filter((key) => key.startsWith(prefix));
    for (const key of keys) this.set.delete(key);
    return keys.length > 0;
  }
}
