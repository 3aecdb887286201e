// The processes of a process group (a wrangler dev and its workerd), read from /proc.
import { readdirSync, readFileSync } from "node:fs";

/** The ids of the processes whose process group is `processGroup` (those that end meanwhile are left out). */
export function processesOf(processGroup: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // The fields after the command name: state, parent, process group, …
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === processGroup;
      } catch {
        return false;
      }
    })
    .map(Number);
}
